// Chunk planning and the stop rule of chunk readers (see csv_chunks.h for why it is exact).
//
// A reader stops at record R' (starting at or after the start s_k of a later chunk k, the last
// such) if the record before R' ended before s_k. Then everything between that record's end and
// R' is line terminators, which chunk k's reader skips as well, starting at s_k just after a
// line feed: both readers meet R' as their next record, and the lines they count from there
// differ by a constant.
#include "ingest/internal/csv_chunks.h"

#include <algorithm>
#include <cstring>

namespace xianjie::ingest::internal {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Offset just after the first line feed at or after `from`; data.size() if none.
size_t AfterLineFeed(std::string_view data, size_t from) {
  if (from >= data.size()) return data.size();
  const void* lf = std::memchr(data.data() + from, '\n', data.size() - from);
  return lf == nullptr ? data.size()
                       : static_cast<size_t>(static_cast<const char*>(lf) - data.data()) + 1;
}

}  // namespace

std::vector<size_t> PlanChunks(std::string_view data, size_t chunks) {
  std::vector<size_t> starts = {0};
  for (size_t k = 1; k < chunks; ++k) {
    size_t at = AfterLineFeed(data, std::max(starts.back(), data.size() / chunks * k));
    while (at < data.size() && data.substr(at).starts_with(kBom)) at = AfterLineFeed(data, at);
    if (at >= data.size()) break;
    if (at > starts.back()) starts.push_back(at);
  }
  return starts;
}

ChunkReader::ChunkReader(std::string_view data, std::span<const size_t> starts, size_t index)
    : data_(data),
      starts_(starts),
      reader_(data.substr(starts[index])),
      next_(index + 1),
      last_end_(starts[index]),
      stop_chunk_(starts.size()) {}

bool ChunkReader::Next(CsvRecord& rec) {
  if (done_) return false;
  if (!reader_.Next(rec)) {
    done_ = true;
    return false;
  }
  if (first_line_ == 0) first_line_ = rec.line;
  const auto begin = static_cast<size_t>(rec.raw.data() - data_.data());
  if (next_ < starts_.size() && starts_[next_] <= begin) {
    size_t k = next_;
    while (k + 1 < starts_.size() && starts_[k + 1] <= begin) ++k;
    if (last_end_ < starts_[k]) {
      stop_chunk_ = k;
      stop_line_ = rec.line;
      done_ = true;
      return false;
    }
    next_ = k + 1;  // the last record ran past the cut: read on through chunk k
  }
  last_end_ = begin + rec.raw.size();
  return true;
}

std::string_view RecordAt(std::string_view data, size_t offset) {
  // A record that starts with a byte order mark is read whole by a reader of the whole file;
  // this reader skips the mark, but the record ends at the same place, so only its end is used.
  CsvReader reader(data.substr(offset));
  CsvRecord rec;
  if (!reader.Next(rec)) return {};
  return data.substr(offset, static_cast<size_t>(rec.raw.data() + rec.raw.size() -
                                                 (data.data() + offset)));
}

std::vector<int64_t> LinesAt(std::string_view data, std::span<const uint64_t> offsets) {
  std::vector<size_t> order(offsets.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return offsets[a] < offsets[b]; });
  std::vector<int64_t> lines(offsets.size());
  size_t at = 0;
  int64_t line = 1;
  for (size_t i : order) {
    const size_t to = std::min<size_t>(offsets[i], data.size());
    line += std::count(data.begin() + static_cast<ptrdiff_t>(at),
                       data.begin() + static_cast<ptrdiff_t>(to), '\n');
    at = to;
    lines[i] = line;
  }
  return lines;
}

std::vector<ChunkLink> ChainChunks(std::span<const ChunkReader> readers) {
  std::vector<ChunkLink> chain;
  if (readers.empty()) return chain;
  chain.push_back({0, 0});
  for (;;) {
    const ChunkLink& last = chain.back();
    const ChunkReader& r = readers[last.index];
    if (r.stop_chunk() >= readers.size()) break;
    const ChunkReader& next = readers[r.stop_chunk()];
    chain.push_back({r.stop_chunk(), r.stop_line() + last.line_offset - next.first_line()});
  }
  return chain;
}

}  // namespace xianjie::ingest::internal
