#include "merge/text_merge.hpp"

#include <git2.h>

#include <mutex>

namespace nbloop::merge {
namespace {

void init_libgit2() {
  static std::once_flag once;
  std::call_once(once, [] { git_libgit2_init(); });
}

util::Error libgit2_error(const char* what) {
  const git_error* e = git_error_last();
  return util::make_error(std::string(what) + ": " + (e != nullptr && e->message != nullptr ? e->message : "unknown libgit2 error"));
}

git_merge_file_input input_of(std::string_view text) {
  git_merge_file_input in;
  git_merge_file_input_init(&in, GIT_MERGE_FILE_INPUT_VERSION);
  in.ptr = text.data();
  in.size = text.size();
  in.mode = 0100644;
  return in;
}

}  // namespace

util::Result<TextMergeResult> merge_text(std::string_view base, std::string_view ours, std::string_view theirs,
                                         const TextMergeOptions& options) {
  if (ours == theirs || base == theirs) {
    return TextMergeResult{std::string(ours), false};
  }
  if (base == ours) {
    return TextMergeResult{std::string(theirs), false};
  }
  // Jupyter stores sources without a final newline. Give all three one, so that the last
  // line is a line like the others, and take it off again afterwards.
  bool add_newline = !ours.ends_with('\n') && !theirs.ends_with('\n') && !base.ends_with('\n');
  const std::string_view nl = ours.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
  std::string b;
  std::string o;
  std::string t;
  if (add_newline) {
    auto with_newline = [&](std::string_view text, std::string& store) {
      store.reserve(text.size() + 2);
      store.append(text);
      if (!text.empty()) {
        store.append(nl);
      }
      return std::string_view(store);
    };
    base = with_newline(base, b);
    ours = with_newline(ours, o);
    theirs = with_newline(theirs, t);
  }
  init_libgit2();
  git_merge_file_input in_base = input_of(base);
  git_merge_file_input in_ours = input_of(ours);
  git_merge_file_input in_theirs = input_of(theirs);
  git_merge_file_options opts;
  git_merge_file_options_init(&opts, GIT_MERGE_FILE_OPTIONS_VERSION);
  opts.our_label = options.label_ours.c_str();
  opts.their_label = options.label_theirs.c_str();
  opts.ancestor_label = "base";
  opts.marker_size = static_cast<unsigned short>(options.marker_size);
  switch (options.strategy) {
    case Strategy::markers: opts.favor = GIT_MERGE_FILE_FAVOR_NORMAL; break;
    case Strategy::ours: opts.favor = GIT_MERGE_FILE_FAVOR_OURS; break;
    case Strategy::theirs: opts.favor = GIT_MERGE_FILE_FAVOR_THEIRS; break;
    case Strategy::union_: opts.favor = GIT_MERGE_FILE_FAVOR_UNION; break;
  }
  git_merge_file_result result{};
  if (git_merge_file(&result, &in_base, &in_ours, &in_theirs, &opts) != 0) {
    return libgit2_error("merging a cell source");
  }
  TextMergeResult out;
  out.conflict = result.automergeable == 0;
  if (result.ptr != nullptr) {
    out.text.assign(result.ptr, result.len);
  }
  git_merge_file_result_free(&result);
  if (add_newline) {
    // xdiff may end a marker line with "\n" even in a CRLF text; drop whichever break
    // is last.
    if (out.text.ends_with(nl)) {
      out.text.resize(out.text.size() - nl.size());
    } else if (out.text.ends_with('\n')) {
      out.text.pop_back();
    }
  }
  return out;
}

}  // namespace nbloop::merge
