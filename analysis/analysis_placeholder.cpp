// Placeholder translation unit until the first analysis source lands.
