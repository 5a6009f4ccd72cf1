// Declarations of the native (C++) rule checks listed in src/lint/registry.cpp.
#pragma once

#include "lint/context.hpp"

namespace nbloop::lint::rules {

void syntax_error(RuleContext& ctx);              // E999
void module_import_not_at_top(RuleContext& ctx);  // E402
void unused_import(RuleContext& ctx);             // F401
void star_import_used(RuleContext& ctx);          // F403
void star_import_may_define(RuleContext& ctx);    // F405
void redefined_while_unused(RuleContext& ctx);    // F811
void undefined_name(RuleContext& ctx);            // F821
void unused_variable(RuleContext& ctx);           // F841
void none_comparison(RuleContext& ctx);           // E711
void true_false_comparison(RuleContext& ctx);     // E712
void type_comparison(RuleContext& ctx);           // E721
void is_literal(RuleContext& ctx);                // F632
void f_string_missing_placeholders(RuleContext& ctx);  // F541
void multi_value_repeated_key_literal(RuleContext& ctx);   // F601
void multi_value_repeated_key_variable(RuleContext& ctx);  // F602
void unused_noqa(RuleContext& ctx);               // RUF100 (reported by the engine after suppression)

// Reproducibility (src/lint/rules/reproducibility.cpp).
void absolute_local_path(RuleContext& ctx);          // NB201
void package_install_in_notebook(RuleContext& ctx);  // NB202
void shell_command(RuleContext& ctx);                // NB203
void change_directory(RuleContext& ctx);             // NB204
void unseeded_random(RuleContext& ctx);              // NB205
void random_state_unset(RuleContext& ctx);           // NB206
// Production readiness (src/lint/rules/production.cpp).
void ipython_syntax_in_module(RuleContext& ctx);  // NB301 (also reported in a unit with a syntax error)
void import_time_side_effect(RuleContext& ctx);   // NB302
void display_in_module(RuleContext& ctx);         // NB303
void useless_expression(RuleContext& ctx);        // B018
void global_statement(RuleContext& ctx);          // PLW0603

// Notebook hygiene (src/lint/rules/notebook.cpp, notebook_order.cpp).
void outputs_committed(RuleContext& ctx);          // NB101
void large_output(RuleContext& ctx);               // NB102
void out_of_order_execution(RuleContext& ctx);     // NB103
void name_defined_later(RuleContext& ctx);         // NB104
void function_global_redefined(RuleContext& ctx);  // NB105
void empty_code_cell(RuleContext& ctx);            // NB106
void invalid_cell_id(RuleContext& ctx);            // NB107
void duplicate_cell_id(RuleContext& ctx);          // NB108
void missing_cell_id(RuleContext& ctx);            // NB109
void missing_kernelspec(RuleContext& ctx);         // NB110
void missing_title(RuleContext& ctx);              // NB111
void conflict_markers(RuleContext& ctx);           // NB112

// Secrets (src/lint/rules/secrets.cpp).
void secret_token(RuleContext& ctx);                   // NB501
void private_key_block(RuleContext& ctx);              // NB502
void connection_string_password(RuleContext& ctx);     // NB503
void secret_in_output(RuleContext& ctx);               // NB504
void hardcoded_api_key(RuleContext& ctx);              // NB505
void hardcoded_password_dict_entry(RuleContext& ctx);  // NB506
void hardcoded_password_string(RuleContext& ctx);      // S105
void hardcoded_password_func_arg(RuleContext& ctx);    // S106
void hardcoded_password_default(RuleContext& ctx);     // S107

}  // namespace nbloop::lint::rules
