#include "lint/registry.hpp"

#include <algorithm>

#include "lint/rules/rules.hpp"

namespace nbloop::lint {

const std::vector<NativeRule>& native_rules() {
  // Sorted by code. Metadata and docs of each rule live in rules/<category>/<name>.scm.
  static const std::vector<NativeRule> k_table = {
      {"B018", rules::useless_expression},
      {"E402", rules::module_import_not_at_top},
      {"E711", rules::none_comparison},
      {"E712", rules::true_false_comparison},
      {"E721", rules::type_comparison},
      {"E999", rules::syntax_error},
      {"F401", rules::unused_import},
      {"F403", rules::star_import_used},
      {"F405", rules::star_import_may_define},
      {"F541", rules::f_string_missing_placeholders},
      {"F601", rules::multi_value_repeated_key_literal},
      {"F602", rules::multi_value_repeated_key_variable},
      {"F632", rules::is_literal},
      {"F811", rules::redefined_while_unused},
      {"F821", rules::undefined_name},
      {"F841", rules::unused_variable},
      {"NB101", rules::outputs_committed},
      {"NB102", rules::large_output, true},
      {"NB103", rules::out_of_order_execution},
      {"NB104", rules::name_defined_later},
      {"NB105", rules::function_global_redefined},
      {"NB106", rules::empty_code_cell},
      {"NB107", rules::invalid_cell_id},
      {"NB108", rules::duplicate_cell_id},
      {"NB109", rules::missing_cell_id},
      {"NB110", rules::missing_kernelspec},
      {"NB111", rules::missing_title},
      {"NB112", rules::conflict_markers},
      {"NB201", rules::absolute_local_path},
      {"NB202", rules::package_install_in_notebook},
      {"NB203", rules::shell_command},
      {"NB204", rules::change_directory},
      {"NB205", rules::unseeded_random},
      {"NB206", rules::random_state_unset},
      {"NB301", rules::ipython_syntax_in_module},
      {"NB302", rules::import_time_side_effect},
      {"NB303", rules::display_in_module},
      {"NB501", rules::secret_token},
      {"NB502", rules::private_key_block},
      {"NB503", rules::connection_string_password},
      {"NB504", rules::secret_in_output, true},
      {"NB505", rules::hardcoded_api_key},
      {"NB506", rules::hardcoded_password_dict_entry},
      {"PLW0603", rules::global_statement},
      {"RUF100", rules::unused_noqa},
      {"S105", rules::hardcoded_password_string},
      {"S106", rules::hardcoded_password_func_arg},
      {"S107", rules::hardcoded_password_default},
  };
  return k_table;
}

const NativeRule* find_native(std::string_view code) {
  const auto& table = native_rules();
  auto it = std::lower_bound(table.begin(), table.end(), code,
                             [](const NativeRule& r, std::string_view c) { return r.code < c; });
  return it != table.end() && it->code == code ? &*it : nullptr;
}

}  // namespace nbloop::lint
