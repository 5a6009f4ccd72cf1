// Query rules at run time: the selected rules' queries compiled into one tree-sitter
// query, run in one pass over each tree, with predicates evaluated here (#eq?, #not-eq?,
// #match?, #not-match?, #any-of?, #not-any-of?) and `#set! message` directives.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lint/context.hpp"
#include "lint/rule_set.hpp"

struct TSQuery;

namespace nbloop::lint {

class Regex;

class QueryProgram {
 public:
  QueryProgram() = default;
  /// Compiles the queries of `rules` (indices into `set`) into one query. Fails with the
  /// rule file, line and column of a query error or an unsupported predicate.
  static util::Result<QueryProgram> compile(const RuleSet& set, const std::vector<int>& rules);

  /// Runs every pattern over one unit's tree; `enabled[rule]` filters rules for this file.
  void run(RuleContext& ctx, uint32_t unit, const std::vector<bool>& enabled) const;

  [[nodiscard]] bool empty() const { return m_query == nullptr; }

  struct Predicate;  ///< one compiled predicate (defined in query.cpp)
  struct Pattern;    ///< one pattern: its rule, @violation capture, message and predicates

 private:
  std::shared_ptr<TSQuery> m_query;
  std::shared_ptr<std::vector<Pattern>> m_patterns;
  std::shared_ptr<std::vector<std::unique_ptr<Regex>>> m_regexes;
};

}  // namespace nbloop::lint
