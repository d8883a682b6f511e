// HDF5 side of the trace table: parallel 1-D datasets under /trace, unlimited in length,
// chunked by chunk_rows and compressed when zlib is available; each flush extends every
// dataset by the buffered rows and writes them as one hyperslab. Strings are fixed-length
// (null-padded UTF-8): variable-length ones cost a global-heap object per value.
#include "analysis/results/trace_table_h5.hpp"

#include <H5Cpp.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace twotier::analysis {
namespace {

std::runtime_error hdf5_error(const std::filesystem::path& file, const H5::Exception& e) {
  return std::runtime_error("trace table " + file.string() + ": HDF5: " + e.getFuncName() + ": " +
                            e.getDetailMsg());
}

H5::StrType utf8_string_type(std::size_t width) {
  H5::StrType type(H5::PredType::C_S1, width);
  type.setStrpad(H5T_STR_NULLPAD);
  type.setCset(H5T_CSET_UTF8);
  return type;
}

constexpr std::size_t kCodeWidth = 10;  // channel and outcome names ("in_person", "withdrawn")

// One column: name, HDF5 type, and how to get its value from a row.
enum class Kind { kU64, kI32, kDouble, kString };
struct Column {
  const char* name;
  Kind kind;
};
constexpr Column kColumns[] = {
    {"replication", Kind::kU64},
    {"id", Kind::kString},
    {"unit", Kind::kI32},
    {"procedure", Kind::kI32},
    {"procedure_id", Kind::kString},
    {"channel", Kind::kString},
    {"received_days", Kind::kDouble},
    {"due_days", Kind::kDouble},
    {"completed_days", Kind::kDouble},
    {"outcome", Kind::kString},
    {"commune_days", Kind::kDouble},
    {"province_days", Kind::kDouble},
};

// Width of string column c (indices as in kColumns).
std::size_t string_width(std::size_t c, const TraceLayout& layout) {
  return c == 1 ? layout.id_width : c == 4 ? layout.procedure_id_width : kCodeWidth;
}

H5::DataType type_of(std::size_t c, const TraceLayout& layout) {
  switch (kColumns[c].kind) {
    case Kind::kU64:
      return H5::PredType::NATIVE_UINT64;
    case Kind::kI32:
      return H5::PredType::NATIVE_INT32;
    case Kind::kDouble:
      return H5::PredType::NATIVE_DOUBLE;
    case Kind::kString:
      return utf8_string_type(string_width(c, layout));
  }
  return H5::PredType::NATIVE_DOUBLE;
}

}  // namespace

struct TraceTableWriter::Impl {
  explicit Impl(const std::string& path)
      : file(path, H5F_ACC_TRUNC), group(file.createGroup("/trace")) {}
  H5::H5File file;
  H5::Group group;
  std::vector<H5::DataSet> datasets;  // parallel to kColumns
  hsize_t rows = 0;
  std::vector<H5::DataType> types;  // parallel to kColumns
  // Column scratch of one flush, reused.
  std::vector<char> text;
  std::vector<std::uint64_t> u64;
  std::vector<std::int32_t> i32;
  std::vector<double> f64;
};

TraceTableWriter::TraceTableWriter(const std::filesystem::path& file, std::size_t chunk_rows,
                                   TraceLayout layout)
    : file_(file), chunk_rows_(chunk_rows > 0 ? chunk_rows : 1), layout_(layout) {
  try {
    H5::Exception::dontPrint();
    impl_ = std::make_unique<Impl>(file.string());
    const hsize_t initial = 0;
    const hsize_t unlimited = H5S_UNLIMITED;
    const hsize_t chunk = chunk_rows_;
    const bool deflate = H5Zfilter_avail(H5Z_FILTER_DEFLATE) > 0;
    for (std::size_t c = 0; c < std::size(kColumns); ++c) {
      H5::DataSpace space(1, &initial, &unlimited);
      H5::DSetCreatPropList properties;
      properties.setChunk(1, &chunk);
      if (deflate) properties.setDeflate(1);  // fast; the columns are highly redundant
      impl_->types.push_back(type_of(c, layout_));
      impl_->datasets.push_back(
          impl_->group.createDataSet(kColumns[c].name, impl_->types.back(), space, properties));
    }
  } catch (const H5::Exception& e) {
    throw hdf5_error(file, e);
  }
  buffer_.resize(chunk_rows_);
}

TraceTableWriter::~TraceTableWriter() {
  try {
    finish();
  } catch (...) {  // a destructor must not throw; finish() reports errors when called
  }
}

void TraceTableWriter::append(std::span<const TraceRow> rows) {
  std::lock_guard lock(mutex_);
  if (!impl_) throw std::logic_error("TraceTableWriter::append after finish");
  for (const TraceRow& row : rows) {
    for (const auto& [text, width] :
         {std::pair{&row.id, layout_.id_width},
          std::pair{&row.procedure_id, layout_.procedure_id_width},
          std::pair{&row.channel, kCodeWidth}, std::pair{&row.outcome, kCodeWidth}})
      if (text->size() > width)
        throw std::invalid_argument("trace table " + file_.string() + ": '" + *text +
                                    "' is longer than its column's " + std::to_string(width) +
                                    " bytes (TraceLayout)");
    TraceRow& slot = buffer_[buffered_];
    slot.replication = row.replication;
    slot.id.assign(row.id);
    slot.unit = row.unit;
    slot.procedure = row.procedure;
    slot.procedure_id.assign(row.procedure_id);
    slot.channel.assign(row.channel);
    slot.received_days = row.received_days;
    slot.due_days = row.due_days;
    slot.completed_days = row.completed_days;
    slot.outcome.assign(row.outcome);
    slot.commune_days = row.commune_days;
    slot.province_days = row.province_days;
    if (++buffered_ == buffer_.size()) flush_locked();
  }
}

namespace {

// Column c of a row, for the column kinds of kColumns (indices as listed there).
const std::string& string_column(const TraceRow& r, std::size_t c) {
  switch (c) {
    case 1:
      return r.id;
    case 4:
      return r.procedure_id;
    case 5:
      return r.channel;
    default:
      return r.outcome;
  }
}
double double_column(const TraceRow& r, std::size_t c) {
  switch (c) {
    case 6:
      return r.received_days;
    case 7:
      return r.due_days;
    case 8:
      return r.completed_days;
    case 10:
      return r.commune_days;
    default:
      return r.province_days;
  }
}

}  // namespace

void TraceTableWriter::flush_locked() {
  if (buffered_ == 0) return;
  const std::span<const TraceRow> rows(buffer_.data(), buffered_);
  const auto started = std::chrono::steady_clock::now();
  try {
    const hsize_t count = rows.size();
    const hsize_t offset = impl_->rows;
    const hsize_t total = offset + count;
    H5::DataSpace memory(1, &count);
    for (std::size_t c = 0; c < std::size(kColumns); ++c) {
      H5::DataSet& dataset = impl_->datasets[c];
      dataset.extend(&total);
      H5::DataSpace space = dataset.getSpace();
      space.selectHyperslab(H5S_SELECT_SET, &count, &offset);
      switch (kColumns[c].kind) {
        case Kind::kString: {
          const std::size_t width = string_width(c, layout_);
          impl_->text.assign(rows.size() * width, '\0');
          char* cell = impl_->text.data();
          for (const TraceRow& r : rows) {
            const std::string& text = string_column(r, c);
            std::copy(text.begin(), text.end(), cell);
            cell += width;
          }
          dataset.write(impl_->text.data(), impl_->types[c], memory, space);
          break;
        }
        case Kind::kU64: {
          impl_->u64.clear();
          for (const TraceRow& r : rows)
            impl_->u64.push_back(r.replication);
          dataset.write(impl_->u64.data(), H5::PredType::NATIVE_UINT64, memory, space);
          break;
        }
        case Kind::kI32: {
          impl_->i32.clear();
          for (const TraceRow& r : rows)
            impl_->i32.push_back(c == 2 ? r.unit : r.procedure);
          dataset.write(impl_->i32.data(), H5::PredType::NATIVE_INT32, memory, space);
          break;
        }
        case Kind::kDouble: {
          impl_->f64.clear();
          for (const TraceRow& r : rows)
            impl_->f64.push_back(double_column(r, c));
          dataset.write(impl_->f64.data(), H5::PredType::NATIVE_DOUBLE, memory, space);
          break;
        }
      }
    }
    impl_->rows = total;
    written_ = total;
  } catch (const H5::Exception& e) {
    throw hdf5_error(file_, e);
  }
  buffered_ = 0;
  write_seconds_ +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

void TraceTableWriter::finish() {
  std::lock_guard lock(mutex_);
  if (!impl_) return;
  flush_locked();
  try {
    impl_->datasets.clear();
    impl_->types.clear();
    impl_->group.close();
    impl_->file.close();
  } catch (const H5::Exception& e) {
    throw hdf5_error(file_, e);
  }
  impl_.reset();
}

double TraceTableWriter::write_seconds() const {
  std::lock_guard lock(mutex_);
  return write_seconds_;
}

std::uint64_t TraceTableWriter::rows_written() const {
  std::lock_guard lock(mutex_);
  return written_ + buffered_;
}

void copy_trace_table(const std::filesystem::path& trace_file, std::int64_t destination) {
  const hid_t source = H5Fopen(trace_file.string().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (source < 0) throw std::runtime_error("cannot open trace table " + trace_file.string());
  const herr_t status =
      H5Ocopy(source, "trace", static_cast<hid_t>(destination), "trace", H5P_DEFAULT, H5P_DEFAULT);
  H5Fclose(source);
  if (status < 0) throw std::runtime_error("cannot copy /trace from " + trace_file.string());
}

}  // namespace twotier::analysis
