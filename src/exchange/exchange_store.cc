#include "exchange/exchange_store.h"

namespace xianjie::exchange {

std::string_view FindingStateName(FindingState state) {
  switch (state) {
    case FindingState::kOpen:
      return "open";
    case FindingState::kCorrected:
      return "corrected";
    case FindingState::kConfirmed:
      return "confirmed";
    case FindingState::kJustified:
      return "justified";
  }
  return "open";
}

std::optional<FindingState> ParseFindingState(std::string_view name) {
  for (FindingState state :
       {FindingState::kOpen, FindingState::kCorrected, FindingState::kConfirmed,
        FindingState::kJustified}) {
    if (FindingStateName(state) == name) return state;
  }
  return std::nullopt;
}

}  // namespace xianjie::exchange
