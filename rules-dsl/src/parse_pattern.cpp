// The `match` clause of a pattern:
//   sequence := term (('next' | 'then' ['any']) term)*
//   term     := ['every'] ( '(' sequence (('and' | 'or') sequence)* ')'
//                         | 'not' STREAM ['where' expr] ['within' DURATION]
//                         | [NAME ':'] STREAM [quantifier] ['greedy' | 'reluctant'] ['where' expr] ['within' DURATION]
//                         )
//   quantifier := '{' n [',' [m]] '}' | '+' | '*' | '?'
#include "parser_state.h"

namespace cepheus::dsl {
namespace {

class PatternParser {
 public:
  explicit PatternParser(ParserState& state) : state_(state) {}

  PatternNodePtr sequence(int depth) {
    if (depth > kMaxExpressionDepth) {
      state_.fail_at(state_.peek().span, "the pattern is nested too deeply");
      return nullptr;
    }
    PatternNodePtr first = term(depth);
    if (!first) return nullptr;
    if (!at_connector()) return first;
    auto node = std::make_unique<PatternNode>();
    node->kind = PatternNodeKind::kSequence;
    node->span = first->span;
    node->items.push_back(std::move(first));
    while (at_connector()) {
      Contiguity contiguity = Contiguity::kRelaxed;
      if (state_.accept_keyword("next")) {
        contiguity = Contiguity::kStrict;
      } else {
        state_.advance();  // then
        if (state_.accept_keyword("any")) contiguity = Contiguity::kRelaxedAny;
      }
      PatternNodePtr next = term(depth);
      if (!next) return nullptr;
      node->span.end = next->span.end;
      node->contiguity.push_back(contiguity);
      node->items.push_back(std::move(next));
    }
    return node;
  }

 private:
  bool at_connector() const { return state_.at_keyword("next") || state_.at_keyword("then"); }

  PatternNodePtr term(int depth) {
    const Span start = state_.peek().span;
    const bool every = state_.accept_keyword("every");
    PatternNodePtr node;
    if (state_.at(TokenKind::kLeftParen)) {
      node = group(depth);
    } else if (state_.at_keyword("not") && state_.peek(1).kind != TokenKind::kColon) {
      node = absence();
    } else {
      node = step();
    }
    if (!node) return nullptr;
    if (every) {
      if (node->kind == PatternNodeKind::kAbsence) {
        state_.fail_at(start, "'every' cannot start an absence", "put 'every' on the step before 'not'");
        return nullptr;
      }
      node->every = true;
      node->span.begin = start.begin;
    }
    return node;
  }

  PatternNodePtr group(int depth) {
    const Span open = state_.advance().span;
    PatternNodePtr first = sequence(depth + 1);
    if (!first) return nullptr;
    if (state_.accept(TokenKind::kRightParen)) {
      first->span = {open.begin, state_.previous_end()};
      return first;
    }
    if (!state_.at_keyword("and") && !state_.at_keyword("or")) {
      state_.fail_expected("'then', 'next', 'and', 'or' or ')' in the pattern");
      return nullptr;
    }
    const std::string op(state_.peek().text);
    auto node = std::make_unique<PatternNode>();
    node->kind = op == "and" ? PatternNodeKind::kAnd : PatternNodeKind::kOr;
    node->items.push_back(std::move(first));
    while (state_.at_keyword("and") || state_.at_keyword("or")) {
      if (state_.peek().text != op) {
        state_.fail_at(state_.peek().span, "'and' and 'or' are mixed in one group",
                       "add parentheses to say which binds first: ((a and b) or c)");
        return nullptr;
      }
      state_.advance();
      PatternNodePtr next = sequence(depth + 1);
      if (!next) return nullptr;
      node->items.push_back(std::move(next));
    }
    if (!state_.expect(TokenKind::kRightParen, "')' to close the group")) return nullptr;
    node->span = {open.begin, state_.previous_end()};
    return node;
  }

  bool count_step(Span span) {
    if (++steps_ > kMaxPatternSteps) {
      return state_.fail_at(span, "a pattern may have at most " + std::to_string(kMaxPatternSteps) + " steps",
                            "split it into several patterns");
    }
    return true;
  }

  bool tail(PatternNode& node) {
    if (state_.accept_keyword("where")) {
      node.where = parse_expression(state_);
      if (!node.where) return false;
    }
    if (state_.accept_keyword("within")) {
      DurationLiteral within;
      if (!state_.expect_duration(within, "a duration after 'within'")) return false;
      node.within = std::move(within);
    }
    node.span.end = state_.previous_end();
    return true;
  }

  PatternNodePtr absence() {
    auto node = std::make_unique<PatternNode>();
    node->kind = PatternNodeKind::kAbsence;
    node->span = state_.advance().span;  // not
    if (!count_step(node->span)) return nullptr;
    if (!state_.expect_name(node->stream, "the stream that must not occur after 'not'")) return nullptr;
    if (!tail(*node)) return nullptr;
    return node;
  }

  PatternNodePtr step() {
    auto node = std::make_unique<PatternNode>();
    node->kind = PatternNodeKind::kStep;
    node->span = state_.peek().span;
    if (!count_step(node->span)) return nullptr;
    Name first;
    if (!state_.expect_name(first, "a pattern step (name: stream where ...)")) return nullptr;
    if (state_.accept(TokenKind::kColon)) {
      node->binding = std::move(first);
      if (!state_.expect_name(node->stream, "the stream of the step after ':'")) return nullptr;
    } else {
      node->stream = std::move(first);
    }
    if (!quantifier(node->quantifier)) return nullptr;
    if (state_.at_keyword("greedy") || state_.at_keyword("reluctant")) {
      if (!node->quantifier.written) {
        state_.fail_at(state_.peek().span, "'" + std::string(state_.peek().text) + "' needs a quantifier before it",
                       "e.g. fails: logins{3,} reluctant");
        return nullptr;
      }
      node->quantifier.reluctant = state_.advance().text == "reluctant";
    }
    if (!tail(*node)) return nullptr;
    return node;
  }

  bool quantifier(Quantifier& q) {
    const Span start = state_.peek().span;
    if (state_.accept(TokenKind::kPlus)) {
      q = {1, std::nullopt, false, true, start};
    } else if (state_.accept(TokenKind::kStar)) {
      q = {0, std::nullopt, false, true, start};
    } else if (state_.accept(TokenKind::kQuestion)) {
      q = {0, 1, false, true, start};
    } else if (state_.accept(TokenKind::kLeftBrace)) {
      std::int64_t min = 0;
      if (!state_.expect_integer(min, "a count in '{n}', '{n,m}' or '{n,}'")) return false;
      std::optional<std::int64_t> max = min;
      if (state_.accept(TokenKind::kComma)) {
        max.reset();
        if (state_.at(TokenKind::kInteger)) {
          std::int64_t upper = 0;
          if (!state_.expect_integer(upper, "a count")) return false;
          max = upper;
        }
      }
      if (!state_.expect(TokenKind::kRightBrace, "'}' to close the quantifier")) return false;
      q = {min, max, false, true, {start.begin, state_.previous_end()}};
    }
    return true;
  }

  ParserState& state_;
  std::size_t steps_ = 0;
};

}  // namespace

PatternNodePtr parse_pattern(ParserState& state) {
  return PatternParser(state).sequence(0);
}

}  // namespace cepheus::dsl
