// Small writers shared by the HDF5 output files (results.h5 of run, of compare/sweep/staff):
// UTF-8 string attributes and datasets, scalar attributes, and n-D numeric arrays (optionally
// chunked and compressed). Header-only so each file's writer stays one translation unit.
// Not thread-safe (serial HDF5): one caller at a time. Errors are H5::Exception.
#pragma once

#include <H5Cpp.h>

#include <algorithm>
#include <string>
#include <vector>

namespace twotier::analysis::h5 {

inline H5::StrType utf8_string_type() {
  H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  type.setCset(H5T_CSET_UTF8);
  return type;
}

inline void write_string_attribute(H5::H5Object& object, const char* name,
                                   const std::string& value) {
  const H5::StrType type = utf8_string_type();
  H5::Attribute attribute = object.createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
  const char* text = value.c_str();
  attribute.write(type, &text);
}

template <class T>
void write_scalar_attribute(H5::H5Object& object, const char* name, const H5::PredType& type,
                            T value) {
  H5::Attribute attribute = object.createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
  attribute.write(type, &value);
}

inline void write_strings(H5::Group& group, const char* name,
                          const std::vector<std::string>& values) {
  const H5::StrType type = utf8_string_type();
  const hsize_t size = values.size();
  H5::DataSet dataset = group.createDataSet(name, type, H5::DataSpace(1, &size));
  if (values.empty()) return;
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& v : values)
    pointers.push_back(v.c_str());
  dataset.write(pointers.data(), type);
}

// A dataset of `dims` from row-major `data`; chunked + compressed when `chunk` is non-empty,
// every dimension is non-zero and compression is worth it.
template <class T>
void write_array(H5::Group& group, const char* name, const H5::PredType& type,
                 const std::vector<hsize_t>& dims, const std::vector<T>& data,
                 const std::vector<hsize_t>& chunk = {}) {
  H5::DataSpace space(static_cast<int>(dims.size()), dims.data());
  H5::DSetCreatPropList properties;
  const bool empty = std::any_of(dims.begin(), dims.end(), [](hsize_t d) { return d == 0; });
  if (!chunk.empty() && !empty) {
    properties.setChunk(static_cast<int>(chunk.size()), chunk.data());
    if (H5Zfilter_avail(H5Z_FILTER_DEFLATE) > 0) {
      properties.setShuffle();
      properties.setDeflate(4);
    }
  }
  H5::DataSet dataset = group.createDataSet(name, type, space, properties);
  if (!data.empty()) dataset.write(data.data(), type);
}

}  // namespace twotier::analysis::h5
