#include "lint/query.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <tree_sitter/api.h>

#include <algorithm>
#include <cstring>

#include "python/parser.hpp"
#include "util/text.hpp"

namespace nbloop::lint {

// A compiled PCRE2 pattern, shared read-only by all threads.
class Regex {
 public:
  static util::Result<std::unique_ptr<Regex>> compile(std::string_view pattern) {
    int code = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code* re = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), PCRE2_UTF, &code,
                                   &offset, nullptr);
    if (re == nullptr) {
      PCRE2_UCHAR buffer[256];
      pcre2_get_error_message(code, buffer, sizeof buffer);
      return util::make_error("invalid regex /" + std::string(pattern) + "/: " + reinterpret_cast<char*>(buffer));
    }
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    auto r = std::make_unique<Regex>();
    r->m_code = re;
    return r;
  }
  Regex() = default;
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;
  ~Regex() { pcre2_code_free(m_code); }

  [[nodiscard]] bool search(std::string_view text) const {
    thread_local std::unique_ptr<pcre2_match_data, void (*)(pcre2_match_data*)> data(pcre2_match_data_create(1, nullptr),
                                                                                     pcre2_match_data_free);
    int rc = pcre2_match(m_code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0, 0, data.get(), nullptr);
    return rc >= 0;
  }

 private:
  pcre2_code* m_code = nullptr;
};

enum class PredicateOp : uint8_t { eq, any_of, match, local };

struct QueryProgram::Predicate {
  PredicateOp op = PredicateOp::eq;
  bool negated = false;
  uint32_t capture = 0;
  int other_capture = -1;            // #eq? @a @b
  std::vector<std::string> values;   // literal arguments
  const Regex* regex = nullptr;
};

struct QueryProgram::Pattern {
  int rule = 0;
  int violation = -1;  // capture id of @violation
  std::string message;
  std::vector<Predicate> predicates;
};

namespace {

struct QueryDeleter {
  void operator()(TSQuery* q) const { ts_query_delete(q); }
};

const char* query_error_text(TSQueryError e) {
  switch (e) {
    case TSQueryErrorSyntax:
      return "invalid query syntax";
    case TSQueryErrorNodeType:
      return "unknown node type";
    case TSQueryErrorField:
      return "unknown field name";
    case TSQueryErrorCapture:
      return "unknown capture name";
    case TSQueryErrorStructure:
      return "impossible pattern structure";
    case TSQueryErrorLanguage:
      return "language mismatch";
    default:
      return "invalid query";
  }
}

util::Result<TSQuery*> compile_query(std::string_view text) {
  uint32_t offset = 0;
  TSQueryError err = TSQueryErrorNone;
  TSQuery* q = ts_query_new(python::language(), text.data(), static_cast<uint32_t>(text.size()), &offset, &err);
  if (q == nullptr) {
    auto lc = util::line_col_at(text, offset);
    return util::make_error(query_error_text(err), lc.line, lc.column);
  }
  return q;
}

std::string_view capture_name(const TSQuery* q, uint32_t id) {
  uint32_t len = 0;
  const char* name = ts_query_capture_name_for_id(q, id, &len);
  return {name, len};
}

std::string_view string_value(const TSQuery* q, uint32_t id) {
  uint32_t len = 0;
  const char* s = ts_query_string_value_for_id(q, id, &len);
  return {s, len};
}

}  // namespace

static util::Status read_pattern(const TSQuery* q, uint32_t pattern, std::vector<QueryProgram::Predicate>& preds,
                                 std::string& message, std::vector<std::unique_ptr<Regex>>& regexes);

util::Status validate_query(std::string_view query) {
  auto q = compile_query(query);
  if (!q) {
    return q.error();
  }
  std::unique_ptr<TSQuery, QueryDeleter> owned(*q);
  std::vector<std::unique_ptr<Regex>> regexes;
  for (uint32_t p = 0; p < ts_query_pattern_count(owned.get()); ++p) {
    std::vector<QueryProgram::Predicate> preds;
    std::string message;
    if (auto st = read_pattern(owned.get(), p, preds, message, regexes); !st) {
      auto lc = util::line_col_at(query, ts_query_start_byte_for_pattern(owned.get(), p));
      return util::make_error(st.error().message, lc.line, lc.column);
    }
    bool has_violation = false;
    for (uint32_t c = 0; c < ts_query_capture_count(owned.get()); ++c) {
      if (capture_name(owned.get(), c) == "violation") {
        has_violation = true;
      }
    }
    if (!has_violation) {
      auto lc = util::line_col_at(query, ts_query_start_byte_for_pattern(owned.get(), p));
      return util::make_error("the pattern has no @violation capture", lc.line, lc.column);
    }
  }
  return util::Ok{};
}

static util::Status read_pattern(const TSQuery* q, uint32_t pattern, std::vector<QueryProgram::Predicate>& preds,
                                 std::string& message, std::vector<std::unique_ptr<Regex>>& regexes) {
  uint32_t count = 0;
  const TSQueryPredicateStep* steps = ts_query_predicates_for_pattern(q, pattern, &count);
  uint32_t i = 0;
  while (i < count) {
    uint32_t j = i;
    while (j < count && steps[j].type != TSQueryPredicateStepTypeDone) {
      ++j;
    }
    // steps[i..j): name, args
    if (j == i || steps[i].type != TSQueryPredicateStepTypeString) {
      return util::make_error("malformed predicate");
    }
    std::string name(string_value(q, steps[i].value_id));
    std::vector<const TSQueryPredicateStep*> args;
    for (uint32_t k = i + 1; k < j; ++k) {
      args.push_back(&steps[k]);
    }
    i = j + 1;
    if (name == "set!") {
      if (args.size() != 2 || args[0]->type != TSQueryPredicateStepTypeString ||
          args[1]->type != TSQueryPredicateStepTypeString) {
        return util::make_error("#set! takes a key and a string value");
      }
      if (string_value(q, args[0]->value_id) != "message") {
        return util::make_error("#set! supports only the `message` key");
      }
      message = std::string(string_value(q, args[1]->value_id));
      continue;
    }
    QueryProgram::Predicate pred;
    std::string_view base = name;
    if (base.starts_with("not-")) {
      pred.negated = true;
      base.remove_prefix(4);
    }
    if (base == "local?") {
      // Scope predicate: the captured name is bound in this file or notebook (not a builtin,
      // not undefined) where it is read.
      if (args.size() != 1 || args[0]->type != TSQueryPredicateStepTypeCapture) {
        return util::make_error("#" + name + " takes one capture");
      }
      pred.op = PredicateOp::local;
      pred.capture = args[0]->value_id;
      preds.push_back(std::move(pred));
      continue;
    }
    if (base == "eq?") {
      pred.op = PredicateOp::eq;
    } else if (base == "any-of?") {
      pred.op = PredicateOp::any_of;
    } else if (base == "match?") {
      pred.op = PredicateOp::match;
    } else {
      return util::make_error("unsupported predicate #" + name +
                              " (supported: #eq? #not-eq? #match? #not-match? #any-of? #not-any-of? #local? #not-local? #set!)");
    }
    if (args.empty() || args[0]->type != TSQueryPredicateStepTypeCapture) {
      return util::make_error("#" + name + " needs a capture as its first argument");
    }
    pred.capture = args[0]->value_id;
    if (pred.op == PredicateOp::eq && args.size() == 2 && args[1]->type == TSQueryPredicateStepTypeCapture) {
      pred.other_capture = static_cast<int>(args[1]->value_id);
    } else {
      if (args.size() < 2 || (pred.op != PredicateOp::any_of && args.size() != 2)) {
        return util::make_error("#" + name + " takes a capture and " +
                                (pred.op == PredicateOp::any_of ? "one or more strings" : "one string"));
      }
      for (size_t k = 1; k < args.size(); ++k) {
        if (args[k]->type != TSQueryPredicateStepTypeString) {
          return util::make_error("#" + name + ": expected a string argument");
        }
        pred.values.emplace_back(string_value(q, args[k]->value_id));
      }
      if (pred.op == PredicateOp::match) {
        auto re = Regex::compile(pred.values[0]);
        if (!re) {
          return re.error();
        }
        pred.regex = re->get();
        regexes.push_back(std::move(*re));
      }
    }
    preds.push_back(std::move(pred));
  }
  return util::Ok{};
}


util::Result<QueryProgram> QueryProgram::compile(const RuleSet& set, const std::vector<int>& rules) {
  QueryProgram program;
  if (rules.empty()) {
    return program;
  }
  std::string combined;
  std::vector<std::pair<uint32_t, int>> starts;  // byte offset where each rule's text starts
  for (int r : rules) {
    starts.emplace_back(static_cast<uint32_t>(combined.size()), r);
    combined += set.rules()[static_cast<size_t>(r)].spec.query;
    combined += "\n";
  }
  auto q = compile_query(combined);
  if (!q) {
    return util::make_error("the combined rule query does not compile: " + q.error().located());
  }
  program.m_query.reset(*q, QueryDeleter{});
  program.m_patterns = std::make_shared<std::vector<Pattern>>();
  program.m_regexes = std::make_shared<std::vector<std::unique_ptr<Regex>>>();
  const TSQuery* query = program.m_query.get();
  for (uint32_t p = 0; p < ts_query_pattern_count(query); ++p) {
    uint32_t at = ts_query_start_byte_for_pattern(query, p);
    auto it = std::upper_bound(starts.begin(), starts.end(), std::make_pair(at, INT32_MAX));
    Pattern pattern;
    pattern.rule = std::prev(it)->second;
    const RuleSpec& spec = set.rules()[static_cast<size_t>(pattern.rule)].spec;
    pattern.message = spec.message;
    if (auto st = read_pattern(query, p, pattern.predicates, pattern.message, *program.m_regexes); !st) {
      return util::make_error(spec.file + ": " + st.error().message);
    }
    program.m_patterns->push_back(std::move(pattern));
  }
  for (uint32_t c = 0; c < ts_query_capture_count(query); ++c) {
    if (capture_name(query, c) == "violation") {
      for (auto& pattern : *program.m_patterns) {
        pattern.violation = static_cast<int>(c);
      }
    }
  }
  return program;
}

void QueryProgram::run(RuleContext& ctx, uint32_t unit, const std::vector<bool>& enabled) const {
  if (!m_query) {
    return;
  }
  const ParsedUnit& pu = ctx.units()[unit];
  std::string_view src = pu.unit->text;
  thread_local std::unique_ptr<TSQueryCursor, void (*)(TSQueryCursor*)> cursor(ts_query_cursor_new(),
                                                                               ts_query_cursor_delete);
  ts_query_cursor_exec(cursor.get(), m_query.get(), ts_tree_root_node(pu.tree.get()));
  TSQueryMatch match;
  auto node_text = [&](TSNode n) {
    return src.substr(ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n));
  };
  while (ts_query_cursor_next_match(cursor.get(), &match)) {
    const Pattern& pattern = (*m_patterns)[match.pattern_index];
    if (!enabled[static_cast<size_t>(pattern.rule)]) {
      continue;
    }
    auto find = [&](uint32_t id, TSNode& out) {
      for (uint16_t k = 0; k < match.capture_count; ++k) {
        if (match.captures[k].index == id) {
          out = match.captures[k].node;
          return true;
        }
      }
      return false;
    };
    bool ok = true;
    for (const Predicate& pred : pattern.predicates) {
      TSNode node;
      if (!find(pred.capture, node)) {
        continue;  // an optional capture that did not match
      }
      std::string_view t = node_text(node);
      bool result = false;
      switch (pred.op) {
        case PredicateOp::eq:
          if (pred.other_capture >= 0) {
            TSNode other;
            result = find(static_cast<uint32_t>(pred.other_capture), other) && node_text(other) == t;
          } else {
            result = t == pred.values[0];
          }
          break;
        case PredicateOp::any_of:
          result = std::find(pred.values.begin(), pred.values.end(), t) != pred.values.end();
          break;
        case PredicateOp::match:
          result = pred.regex->search(t);
          break;
        case PredicateOp::local: {
          const auto& refs = ctx.model().references;
          auto it = refs.find((static_cast<uint64_t>(unit) << 32) | ts_node_start_byte(node));
          result = it != refs.end() && it->second >= 0;
          break;
        }
      }
      if (result == pred.negated) {
        ok = false;
        break;
      }
    }
    if (!ok) {
      continue;
    }
    TSNode violation;
    if (pattern.violation < 0 || !find(static_cast<uint32_t>(pattern.violation), violation)) {
      continue;
    }
    // {capture} placeholders take the captured text.
    std::string message = pattern.message;
    for (uint16_t k = 0; k < match.capture_count && message.find('{') != std::string::npos; ++k) {
      uint32_t len = 0;
      const char* name = ts_query_capture_name_for_id(m_query.get(), match.captures[k].index, &len);
      message = format_message(message, std::string_view(name, len), node_text(match.captures[k].node));
    }
    ctx.report_as(pattern.rule, unit, ts_node_start_byte(violation), ts_node_end_byte(violation), std::move(message));
  }
}

}  // namespace nbloop::lint
