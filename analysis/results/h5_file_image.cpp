#include "analysis/results/h5_file_image.hpp"

#include <cerrno>
#include <cstring>  // std::strerror
#include <stdexcept>
#include <string>

#include "analysis/results/atomic_file.hpp"

namespace twotier::analysis {

namespace {

std::string build_image(const std::filesystem::path& target,
                        const std::function<void(H5::H5File&)>& fill) {
  H5::FileAccPropList access;
  access.setCore(1 << 20, false);  // grow by 1 MiB; nothing is written to disk by HDF5
  // The name only identifies the in-memory file while it is open.
  H5::H5File file(target.string() + ".in-memory", H5F_ACC_TRUNC, H5::FileCreatPropList::DEFAULT,
                  access);
  fill(file);
  file.flush(H5F_SCOPE_GLOBAL);
  const ssize_t size = H5Fget_file_image(file.getId(), nullptr, 0);
  if (size < 0) throw H5::FileIException("H5Fget_file_image", "cannot size the file image");
  std::string image(static_cast<std::size_t>(size), '\0');
  if (H5Fget_file_image(file.getId(), image.data(), image.size()) != size)
    throw H5::FileIException("H5Fget_file_image", "cannot copy the file image");
  file.close();
  return image;
}

}  // namespace

std::string h5_write_failure(const std::filesystem::path& file, const H5::Exception& error) {
  const int code = errno;
  std::string text = "cannot write " + file.string() + ": ";
  if (code == ENOSPC || code == EFBIG || code == EDQUOT || code == EROFS || code == EIO)
    text += std::string(std::strerror(code)) + " (HDF5: " + error.getDetailMsg() + ")";
  else
    text += "HDF5: " + error.getFuncName() + ": " + error.getDetailMsg();
  return text;
}

void write_h5_atomically(const std::filesystem::path& target,
                         const std::function<void(H5::H5File&)>& fill) {
  std::string image;
  try {
    H5::Exception::dontPrint();  // errors are reported through the exception below
    image = build_image(target, fill);
  } catch (const H5::Exception& e) {
    throw std::runtime_error(h5_write_failure(target, e));
  }
  write_file_atomically(target, [&](const std::filesystem::path& temporary) {
    write_bytes_to_file(temporary, image, target);
  });
}

}  // namespace twotier::analysis
