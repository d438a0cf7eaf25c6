// Household search: three sorted permutations of the snapshot's rows (households by village,
// members by name, members by ID number) and a household's rank in village order, so that every
// filter becomes a range and a page is a slice of sorted ranks.
#include "registry/household_search.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <thread>
#include <utility>

#include "base/id_number.h"

namespace xianjie::registry {
namespace {

constexpr int64_t kMaxLimit = 500;
constexpr uint32_t kNone = 0xFFFFFFFF;

struct Range {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
};

// The numeric range [lo, hi) of the 12-digit village codes that start with `prefix`, or false
// if no code can ("" = all; only digits, at most 12 of them).
bool VillageCodeRange(std::string_view prefix, uint64_t& lo, uint64_t& hi) {
  if (prefix.size() > 12) return false;
  uint64_t value = 0, scale = 1;
  for (char c : prefix) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  for (size_t i = prefix.size(); i < 12; ++i) scale *= 10;
  lo = value * scale;
  hi = (value + 1) * scale;
  return true;
}

// A member for the name sort: the first 16 bytes of the name as two big-endian numbers
// (zero-padded), so that the sort reads the names themselves only when both are longer than that
// and agree on it (five CJK characters: rare).
struct NameKey {
  static constexpr size_t kBytes = 16;
  NameKey() = default;
  NameKey(std::string_view name, uint32_t m) : size(static_cast<uint32_t>(name.size())), row(m) {
    for (size_t i = 0; i < kBytes; ++i) {
      const uint64_t byte = i < name.size() ? static_cast<unsigned char>(name[i]) : 0u;
      (i < 8 ? high : low) = (i < 8 ? high : low) << 8 | byte;
    }
  }
  uint64_t high = 0, low = 0;
  uint32_t size = 0, row = 0;
};

// The first character of a name: its UTF-8 bytes as a big-endian number, and how many bytes it
// has; 0 bytes for "" and for a prefix that ends inside its first character. A byte that cannot
// start a character counts as a character of its own.
uint32_t Initial(std::string_view name, size_t* bytes) {
  *bytes = 0;
  if (name.empty()) return 0;
  const auto lead = static_cast<unsigned char>(name[0]);
  const size_t n = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead < 0xF8 ? 4 : 1;
  if (n > name.size()) return 0;
  uint32_t value = 0;
  for (size_t i = 0; i < n; ++i) value = value << 8 | static_cast<unsigned char>(name[i]);
  *bytes = n;
  return value;
}

// The 18 characters of a query's ID number, 'x' upper-cased, or false if it cannot be one.
bool NormalizeIdNumber(std::string_view query, std::string& out) {
  if (query.size() != 18) return false;
  out.assign(query);
  for (size_t i = 0; i < 17; ++i) {
    if (out[i] < '0' || out[i] > '9') return false;
  }
  if (out[17] == 'x') out[17] = 'X';
  return (out[17] >= '0' && out[17] <= '9') || out[17] == 'X';
}

// Sorts and de-duplicates village-order ranks, then pages them. For many ranks, a bitmap over
// all of them costs less than the sort.
void PageOfRanks(std::vector<uint32_t>& ranks, size_t households, int64_t offset, int64_t limit,
                 const std::vector<uint32_t>& by_village, HouseholdPage& page) {
  if (ranks.size() > households / 64) {
    std::vector<uint64_t> bits((households + 63) / 64, 0);
    for (uint32_t r : ranks) bits[r / 64] |= uint64_t{1} << (r % 64);
    int64_t seen = 0;
    for (size_t w = 0; w < bits.size(); ++w) {
      uint64_t word = bits[w];
      const int count = std::popcount(word);
      if (seen + count <= offset || static_cast<int64_t>(page.rows.size()) >= limit) {
        seen += count;
        continue;
      }
      for (; word != 0; word &= word - 1, ++seen) {
        if (seen < offset || static_cast<int64_t>(page.rows.size()) >= limit) continue;
        page.rows.push_back(by_village[w * 64 + static_cast<size_t>(std::countr_zero(word))]);
      }
    }
    page.total = seen;
    return;
  }
  std::sort(ranks.begin(), ranks.end());
  ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  page.total = static_cast<int64_t>(ranks.size());
  for (int64_t i = offset; i < page.total && i - offset < limit; ++i) {
    page.rows.push_back(by_village[ranks[static_cast<size_t>(i)]]);
  }
}

}  // namespace

HouseholdIndex::HouseholdIndex(std::shared_ptr<const Snapshot> snapshot)
    : snapshot_(std::move(snapshot)) {
  assert(snapshot_ != nullptr);
  const Snapshot& s = *snapshot_;
  const auto n = static_cast<uint32_t>(s.households());
  const auto members = static_cast<uint32_t>(s.members());

  // Households by village, then members by ID number, on a second thread beside the name sort.
  std::thread helper([&] {
    // Rows are in id order already, so (village, row) is (village, id).
    std::vector<std::pair<uint64_t, uint32_t>> keyed(n);
    for (uint32_t h = 0; h < n; ++h) keyed[h] = {s.village_code()[h], h};
    std::sort(keyed.begin(), keyed.end());
    by_village_.resize(n);
    village_of_.resize(n);
    rank_of_.resize(n);
    for (uint32_t i = 0; i < n; ++i) {
      village_of_[i] = keyed[i].first;
      by_village_[i] = keyed[i].second;
      rank_of_[keyed[i].second] = i;
    }
    // Households by the initials of their members' names.
    by_initial_.reserve(n + n / 2);
    std::vector<uint32_t> initials;
    for (uint32_t r = 0; r < n; ++r) {
      const uint32_t h = by_village_[r];
      initials.clear();
      for (uint32_t m = s.member_begin()[h]; m < s.member_begin()[h + 1]; ++m) {
        size_t bytes = 0;
        const uint32_t initial = Initial(s.member_name(m), &bytes);
        if (bytes > 0) initials.push_back(initial);
        // A name cut inside its first character has no initial; it is found by the name sort.
      }
      std::sort(initials.begin(), initials.end());
      initials.erase(std::unique(initials.begin(), initials.end()), initials.end());
      for (uint32_t initial : initials) by_initial_.push_back(uint64_t{initial} << 32 | r);
    }
    std::sort(by_initial_.begin(), by_initial_.end());
    by_initial_.shrink_to_fit();
    // ID numbers are unique in a registry; the row breaks a tie all the same.
    keyed.resize(members);
    for (uint32_t m = 0; m < members; ++m) keyed[m] = {s.member_id_number()[m], m};
    std::sort(keyed.begin(), keyed.end());
    members_by_id_.resize(members);
    for (uint32_t i = 0; i < members; ++i) members_by_id_[i] = keyed[i].second;
  });

  household_of_member_.resize(members);
  for (uint32_t h = 0; h < n; ++h) {
    std::fill(household_of_member_.begin() + s.member_begin()[h],
              household_of_member_.begin() + s.member_begin()[h + 1], h);
  }
  // Members by name, then row.
  std::vector<NameKey> keyed(members);
  for (uint32_t m = 0; m < members; ++m) keyed[m] = NameKey(s.member_name(m), m);
  std::sort(keyed.begin(), keyed.end(), [&s](const NameKey& a, const NameKey& b) {
    if (a.high != b.high) return a.high < b.high;
    if (a.low != b.low) return a.low < b.low;
    // Equal first 16 bytes (padding included): a name that ends there is a prefix of the other.
    if (a.size > NameKey::kBytes && b.size > NameKey::kBytes) {
      const int c = s.member_name(a.row).substr(NameKey::kBytes).compare(
          s.member_name(b.row).substr(NameKey::kBytes));
      if (c != 0) return c < 0;
    } else if (a.size != b.size) {
      return a.size < b.size;
    }
    return a.row < b.row;
  });
  members_by_name_.resize(members);
  for (uint32_t i = 0; i < members; ++i) members_by_name_[i] = keyed[i].row;
  helper.join();
}

int64_t HouseholdIndex::CountHouseholds(std::string_view region_prefix) const {
  uint64_t lo = 0, hi = 0;
  if (!VillageCodeRange(region_prefix, lo, hi)) return 0;
  auto first = std::lower_bound(village_of_.begin(), village_of_.end(), lo);
  auto last = std::lower_bound(first, village_of_.end(), hi);
  return last - first;
}

std::vector<uint32_t> HouseholdIndex::FindMembers(std::string_view id_number) const {
  std::vector<uint32_t> found;
  std::string id;
  if (!NormalizeIdNumber(id_number, id)) return found;
  const uint64_t packed = PackIdNumber(id);
  const uint64_t* ids = snapshot_->member_id_number();
  auto first = std::lower_bound(members_by_id_.begin(), members_by_id_.end(), packed,
                                [ids](uint32_t m, uint64_t v) { return ids[m] < v; });
  for (auto it = first; it != members_by_id_.end() && ids[*it] == packed; ++it) {
    found.push_back(*it);
  }
  std::sort(found.begin(), found.end());
  return found;
}

HouseholdPage HouseholdIndex::Search(const HouseholdQuery& query) const {
  const Snapshot& s = *snapshot_;
  HouseholdPage page;
  const int64_t offset = std::max<int64_t>(query.offset, 0);
  const int64_t limit = std::clamp<int64_t>(query.limit, 1, kMaxLimit);

  // The region as a range of ranks.
  uint64_t lo = 0, hi = 0;
  if (!VillageCodeRange(query.region_prefix, lo, hi)) return page;
  Range village;
  village.begin = static_cast<uint32_t>(
      std::lower_bound(village_of_.begin(), village_of_.end(), lo) - village_of_.begin());
  village.end = static_cast<uint32_t>(
      std::lower_bound(village_of_.begin() + village.begin, village_of_.end(), hi) -
      village_of_.begin());

  // The household id prefix as a range of rows (ids are sorted: those with the prefix are
  // together, right at or after the prefix itself).
  const std::string_view id_prefix = query.household_id_prefix;
  Range rows{0, static_cast<uint32_t>(s.households())};
  if (!id_prefix.empty()) {
    auto row_at = [&](uint32_t lo_row, auto&& before) {
      uint32_t a = lo_row, b = static_cast<uint32_t>(s.households());
      while (a < b) {
        const uint32_t mid = a + (b - a) / 2;
        if (before(s.household_id(mid))) {
          a = mid + 1;
        } else {
          b = mid;
        }
      }
      return a;
    };
    rows.begin = row_at(0, [&](std::string_view id) { return id < id_prefix; });
    rows.end = row_at(rows.begin, [&](std::string_view id) { return id.starts_with(id_prefix); });
  }

  const std::string_view name = query.name_prefix;
  auto has_name = [&](uint32_t h) {
    for (uint32_t m = s.member_begin()[h]; m < s.member_begin()[h + 1]; ++m) {
      if (s.member_name(m).starts_with(name)) return true;
    }
    return false;
  };
  // The rank of household h if it passes the region and id filters (and the name filter, if
  // `check_name`), else kNone.
  auto rank_if_kept = [&](uint32_t h, bool check_name) {
    const uint32_t rank = rank_of_[h];
    if (rank < village.begin || rank >= village.end) return kNone;
    if (h < rows.begin || h >= rows.end) return kNone;
    if (check_name && !name.empty() && !has_name(h)) return kNone;
    return rank;
  };

  std::vector<uint32_t> ranks;
  if (!query.id_number.empty()) {
    std::string id;
    if (!NormalizeIdNumber(query.id_number, id)) return page;
    const uint64_t packed = PackIdNumber(id);
    const uint64_t* ids = s.member_id_number();
    auto first = std::lower_bound(members_by_id_.begin(), members_by_id_.end(), packed,
                                  [ids](uint32_t m, uint64_t v) { return ids[m] < v; });
    for (auto it = first; it != members_by_id_.end() && ids[*it] == packed; ++it) {
      const uint32_t rank = rank_if_kept(household_of_member_[*it], true);
      if (rank != kNone) ranks.push_back(rank);
    }
  } else if (!name.empty()) {
    // Two ways to the matches: the members whose name has the prefix (then their households),
    // or the region's households with a member of the prefix's first character (then a check
    // of each). Both counts are known in O(log n): take the shorter walk. A prefix that ends
    // inside its first character has only the first.
    size_t initial_bytes = 0;
    const uint64_t initial = Initial(name, &initial_bytes);
    auto with_initial_begin = by_initial_.end(), with_initial_end = by_initial_.end();
    if (initial_bytes > 0) {
      with_initial_begin =
          std::lower_bound(by_initial_.begin(), by_initial_.end(), initial << 32 | village.begin);
      with_initial_end =
          std::lower_bound(with_initial_begin, by_initial_.end(), initial << 32 | village.end);
    }
    auto rank_at = [](uint64_t entry) { return static_cast<uint32_t>(entry); };
    if (initial_bytes == name.size() && rows.size() == s.households()) {
      // One character and no other filter: the matches are the slice, already in rank order.
      page.total = with_initial_end - with_initial_begin;
      for (int64_t i = offset; i < page.total && i - offset < limit; ++i) {
        page.rows.push_back(by_village_[rank_at(with_initial_begin[i])]);
      }
      return page;
    }
    auto first = std::lower_bound(
        members_by_name_.begin(), members_by_name_.end(), name,
        [&s](uint32_t m, std::string_view v) { return s.member_name(m) < v; });
    auto last = std::partition_point(first, members_by_name_.end(), [&](uint32_t m) {
      return s.member_name(m).starts_with(name);
    });
    if (initial_bytes > 0 && with_initial_end - with_initial_begin <= last - first) {
      for (auto it = with_initial_begin; it != with_initial_end; ++it) {
        const uint32_t rank = rank_if_kept(by_village_[rank_at(*it)], true);
        if (rank != kNone) ranks.push_back(rank);
      }
    } else {
      ranks.reserve(static_cast<size_t>(last - first));
      for (auto it = first; it != last; ++it) {
        const uint32_t rank = rank_if_kept(household_of_member_[*it], false);
        if (rank != kNone) ranks.push_back(rank);
      }
    }
  } else if (rows.size() == s.households()) {
    // The region alone: the page is a slice of the village order.
    page.total = village.size();
    for (int64_t i = offset; i < page.total && i - offset < limit; ++i) {
      page.rows.push_back(by_village_[village.begin + static_cast<size_t>(i)]);
    }
    return page;
  } else if (village.size() <= rows.size()) {
    for (uint32_t r = village.begin; r < village.end; ++r) {
      if (by_village_[r] >= rows.begin && by_village_[r] < rows.end) ranks.push_back(r);
    }
  } else {
    for (uint32_t h = rows.begin; h < rows.end; ++h) {
      const uint32_t rank = rank_if_kept(h, false);
      if (rank != kNone) ranks.push_back(rank);
    }
  }
  PageOfRanks(ranks, s.households(), offset, limit, by_village_, page);
  return page;
}

size_t HouseholdIndex::MemoryBytes() const {
  auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  return sizeof(*this) + bytes(by_village_) + bytes(village_of_) + bytes(members_by_name_) +
         bytes(household_of_member_) + bytes(members_by_id_) + bytes(rank_of_) +
         bytes(by_initial_);
}

}  // namespace xianjie::registry
