// Reading one CSV file on several threads: the file is cut into chunks at line feeds, and each
// chunk is read by its own CsvReader. A cut may fall inside a quoted value that holds a line
// break; the reader of the chunk before it finds that out (its last record runs past the cut),
// reads on through the next chunk itself, and the next chunk's work is thrown away. So the
// records read are always exactly those of one CsvReader over the whole file, with the same
// line numbers.
#ifndef XIANJIE_INGEST_INTERNAL_CSV_CHUNKS_H_
#define XIANJIE_INGEST_INTERNAL_CSV_CHUNKS_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <thread>
#include <vector>

#include "ingest/csv_reader.h"

namespace xianjie::ingest::internal {

// Start offsets of the chunks of `data`: 0, then up to `chunks` - 1 positions just after a line
// feed near k·size/chunks, strictly increasing, before the end of the data, and never at a
// byte order mark (a CsvReader would skip it there, unlike a reader of the whole file).
std::vector<size_t> PlanChunks(std::string_view data, size_t chunks);

// Reads the records of chunk `index`: from its start up to the first record that starts at or
// after the start of a later chunk whose reader began at the same record. Lines are counted from
// 1 at the chunk's start (chunk 0: the file's lines).
class ChunkReader {
 public:
  ChunkReader(std::string_view data, std::span<const size_t> starts, size_t index);

  // The next record of the chunk; false at its end.
  bool Next(CsvRecord& rec);

  // After Next returned false: the chunk whose reader continues from here (starts.size() at the
  // end of the data), and the line, in this reader's numbering, of that chunk's first record.
  size_t stop_chunk() const { return stop_chunk_; }
  int64_t stop_line() const { return stop_line_; }
  // The line, in this reader's numbering, of the first record it met (0: none).
  int64_t first_line() const { return first_line_; }

 private:
  std::string_view data_;
  std::span<const size_t> starts_;
  CsvReader reader_;
  size_t next_;          // the first chunk whose start lies after the records read so far
  size_t last_end_;      // offset where the last record read ends (before its terminator)
  size_t stop_chunk_;
  int64_t stop_line_ = 0;
  int64_t first_line_ = 0;
  bool done_ = false;
};

// The record that a reader of the whole file began at `offset`, as raw bytes without its
// terminator: how rows that keep only their offset find their record again.
std::string_view RecordAt(std::string_view data, size_t offset);

// The lines of the records at `offsets` (any order), as a reader of the whole file numbers
// them: one more than the line feeds before the record. One pass up to the largest offset.
std::vector<int64_t> LinesAt(std::string_view data, std::span<const uint64_t> offsets);

// A chunk whose records belong to the file, and what to add to its line numbers.
struct ChunkLink {
  size_t index;
  int64_t line_offset;
};

// Which chunks' work counts, in file order, from the readers of all chunks once each has
// returned false: chunk 0, then the stop chunk of each one kept.
std::vector<ChunkLink> ChainChunks(std::span<const ChunkReader> readers);

// Runs fn(index, reader) for every chunk on up to `threads` threads (the caller's included),
// each chunk once, and returns the chain. `fn` must read its reader until Next returns false.
template <typename Fn>
std::vector<ChunkLink> ReadChunks(std::string_view data, std::span<const size_t> starts,
                                  int threads, Fn&& fn) {
  std::vector<ChunkReader> readers;
  readers.reserve(starts.size());
  for (size_t i = 0; i < starts.size(); ++i) readers.emplace_back(data, starts, i);
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < readers.size(); i = next++) fn(i, readers[i]);
  };
  std::vector<std::thread> pool;
  const size_t helpers = std::min(readers.size(), static_cast<size_t>(threads > 1 ? threads : 1));
  for (size_t t = 1; t < helpers; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return ChainChunks(readers);
}

}  // namespace xianjie::ingest::internal

#endif  // XIANJIE_INGEST_INTERNAL_CSV_CHUNKS_H_
