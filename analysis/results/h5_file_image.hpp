// Writing a whole HDF5 file (results.h5 of run, compare, sweep, staff) so that a full disk or
// a write error is an ordinary, clear failure: the file is built in memory (HDF5's core
// driver, no backing store) and its image written by write_file_atomically with checked POSIX
// calls. HDF5 itself then never meets an I/O error (HDF5 1.10 may crash closing a file whose
// writes failed). Not thread-safe (serial HDF5): one caller at a time.
#pragma once

#include <H5Cpp.h>

#include <filesystem>
#include <functional>
#include <string>

namespace twotier::analysis {

// `fill` writes the file's content into the (in-memory) file it is given. Throws
// std::runtime_error "cannot write TARGET: ..." on any failure; `target` is then untouched.
void write_h5_atomically(const std::filesystem::path& target,
                         const std::function<void(H5::H5File&)>& fill);

// "cannot write FILE: No space left on device (HDF5: H5Fflush failed)": the message for a
// failed HDF5 write, with the system's reason when the last system call left one that says
// why (full disk, file too large, quota, read-only, I/O error). Call right after the failure.
std::string h5_write_failure(const std::filesystem::path& file, const H5::Exception& error);

}  // namespace twotier::analysis
