// Placeholder translation unit until the first model source lands.
