// NB201-NB206: what makes a notebook or module give different results on
// another machine or another run: local paths, installs and shell commands in
// cells, changing directory, randomness without a seed.
#include <tree_sitter/api.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "lint/rules/escapes.hpp"
#include "lint/rules/qualified.hpp"
#include "lint/rules/rules.hpp"

namespace nbloop::lint::rules {
namespace {

struct Symbols {
  TSSymbol string = RuleContext::symbol("string");
  TSSymbol string_start = RuleContext::symbol("string_start");
  TSSymbol string_end = RuleContext::symbol("string_end");
  TSSymbol concatenated_string = RuleContext::symbol("concatenated_string");
  TSSymbol expression_statement = RuleContext::symbol("expression_statement");
  TSSymbol call = RuleContext::symbol("call");
  TSSymbol none = RuleContext::symbol("none");
  TSSymbol true_ = RuleContext::symbol("true");
};

const Symbols& sym() {
  static const Symbols s;
  return s;
}

TSNode call_function(TSNode call) { return ts_node_child_by_field_name(call, "function", 8); }

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
}

// A path that only exists on one machine: a user's home folder written out
// (`/Users/ann`,
// `/home/ann`, `C:\Users\ann`, any Windows drive path), `~/…` outside dot
// folders (config and cache locations like `~/.kaggle` are conventions), a
// named user's home (`~ann/`), and Colab's personal Drive mount
// (`/content/drive/`).
bool is_local_path(std::string_view s) {
  auto named_after = [&](std::string_view prefix) {
    return s.starts_with(prefix) && s.size() > prefix.size() &&
           (is_name_char(s[prefix.size()]) || s[prefix.size()] == '{');
  };
  if (named_after("/Users/") || named_after("/home/") || s.starts_with("/content/drive/")) {
    return true;
  }
  if (s.size() >= 3 && std::isalpha(static_cast<unsigned char>(s[0])) != 0 && s[1] == ':' &&
      (s[2] == '\\' || s[2] == '/')) {
    size_t i = 3;
    while (i < s.size() && (s[i] == '\\' || s[i] == '/')) {
      ++i;
    }
    return i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) != 0 || s[i] == '_');
  }
  if (s.starts_with("~/") || s.starts_with("~\\")) {
    size_t i = 2;
    while (i < s.size() && (s[i] == '\\' || s[i] == '/')) {
      ++i;
    }
    return i < s.size() && s[i] != '.' && is_name_char(s[i]);
  }
  if (s.starts_with('~') && s.size() > 1 && std::isalpha(static_cast<unsigned char>(s[1])) != 0) {
    size_t i = 1;
    while (i < s.size() && is_name_char(s[i])) {
      ++i;
    }
    return i < s.size() && (s[i] == '/' || s[i] == '\\');
  }
  return false;
}

std::string path_message(std::string_view path) {
  return "Absolute local path `" + shorten(path) +
         "`: it exists only on one machine; use a path relative to the project, or read it from configuration";
}

// --- Package installs and shell commands in cells.

bool is_pip(std::string_view w) {
  if (w.starts_with("pip")) {
    std::string_view rest = w.substr(3);
    return rest.empty() || std::all_of(rest.begin(), rest.end(),
                                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; });
  }
  return false;
}

bool is_python(std::string_view w) {
  if (w == "{sys.executable}" || w == "$sys.executable") {
    return true;
  }
  size_t slash = w.rfind('/');
  if (slash != std::string_view::npos) {
    w = w.substr(slash + 1);
  }
  if (!w.starts_with("python")) {
    return false;
  }
  std::string_view rest = w.substr(6);
  return std::all_of(rest.begin(), rest.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '.'; });
}

// `pip install x`, `python -m pip install x`, `{sys.executable} -m pip install
// x`, `uv pip install x`, `uv add x`, `conda|mamba|micromamba install x`;
// `sudo` and options before the subcommand are skipped. Installing from a
// declared list (`-r requirements.txt`,
// `--file env.txt`, `-e .`, `.`) is not reported: the dependencies are
// declared.
bool is_package_install(std::string_view command) {
  std::vector<std::string_view> w = words(command);
  size_t i = 0;
  while (i < w.size() && (w[i] == "sudo" || w[i].find('=') != std::string_view::npos)) {
    ++i;
  }
  if (i >= w.size()) {
    return false;
  }
  auto skip_options = [&](size_t j) {
    while (j < w.size() && w[j].starts_with('-')) {
      ++j;
    }
    return j;
  };
  size_t sub = std::string_view::npos;
  std::string_view tool = w[i];
  if (is_pip(tool)) {
    sub = skip_options(i + 1);
  } else if (is_python(tool)) {
    size_t j = i + 1;
    if (j + 1 < w.size() && w[j] == "-m" && is_pip(w[j + 1])) {
      sub = skip_options(j + 2);
    }
  } else if (tool == "uv") {
    size_t j = skip_options(i + 1);
    if (j < w.size() && w[j] == "pip") {
      sub = skip_options(j + 1);
    } else if (j < w.size() && w[j] == "add") {
      return true;
    }
  } else if (tool == "conda" || tool == "mamba" || tool == "micromamba") {
    sub = skip_options(i + 1);
  }
  if (sub == std::string_view::npos || sub >= w.size() || w[sub] != "install") {
    return false;
  }
  bool any_package = false;
  for (size_t j = sub + 1; j < w.size(); ++j) {
    std::string_view a = w[j];
    if (a == "-r" || a == "--requirement" || a.starts_with("--requirement=") ||
        (a.starts_with("-r") && a.size() > 2 && a[2] != '-') || a == "--file" || a.starts_with("--file=")) {
      return false;  // from a declared list
    }
    if (a == "-e" || a == "--editable") {
      if (j + 1 < w.size() && (w[j + 1] == "." || w[j + 1].starts_with("./") || w[j + 1] == "..")) {
        ++j;
        continue;
      }
    }
    if (a.starts_with('-')) {
      continue;
    }
    if (a == "." || a.starts_with("./") || a == "..") {
      continue;  // the project itself, whose metadata declares its dependencies
    }
    if (a == "pip" || a == "setuptools" || a == "wheel") {
      continue;  // the installer's own tooling, not a dependency
    }
    any_package = true;
  }
  return any_package;
}

bool is_install_escape(const Escape& e) {
  if (e.kind == Escape::Kind::magic &&
      (e.name == "pip" || e.name == "conda" || e.name == "mamba" || e.name == "micromamba" || e.name == "uv")) {
    return is_package_install(e.text.substr(e.text.starts_with('%') ? 1 : 0));
  }
  if (e.kind == Escape::Kind::shell) {
    std::string_view cmd = e.text.substr(e.text.starts_with("!!") ? 2 : 1);
    return is_package_install(cmd);
  }
  return false;
}

bool is_cd_magic(const Escape& e) {
  return e.kind == Escape::Kind::magic && (e.name == "cd" || e.name == "pushd" || e.name == "popd");
}

// IPython's shell aliases (`%ls`, or `ls` as an automagic) and its
// shell-capturing magics.
bool is_shell_magic(const Escape& e) {
  static constexpr std::array<std::string_view, 17> k_names = {"sx", "system", "sc",    "ls",   "ll", "lf",
                                                               "lk", "lx",     "ldir",  "cat",  "cp", "mv",
                                                               "rm", "rmdir",  "mkdir", "less", "man"};
  return e.kind == Escape::Kind::magic && std::find(k_names.begin(), k_names.end(), e.name) != k_names.end();
}

}  // namespace

void absolute_local_path(RuleContext& ctx) {
  const Symbols& s = sym();
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    for (TSNode str : ctx.nodes(u, s.string)) {
      // Docstrings and other bare strings are prose, not paths the code opens.
      TSNode parent = ts_node_parent(str);
      if (!ts_node_is_null(parent) && ts_node_symbol(parent) == s.concatenated_string) {
        parent = ts_node_parent(parent);
      }
      if (!ts_node_is_null(parent) && ts_node_symbol(parent) == s.expression_statement) {
        continue;
      }
      uint32_t count = ts_node_child_count(str);
      if (count < 2) {
        continue;
      }
      TSNode first = ts_node_child(str, 0);
      TSNode last = ts_node_child(str, count - 1);
      if (ts_node_symbol(first) != s.string_start || ts_node_symbol(last) != s.string_end) {
        continue;
      }
      uint32_t from = ts_node_end_byte(first);
      uint32_t to = ts_node_start_byte(last);
      std::string_view content = ctx.text(u, from, std::max(from, to));
      if (is_local_path(content)) {
        ctx.report(u, ts_node_start_byte(str), ts_node_end_byte(str), path_message(content));
      }
    }
    // Paths in IPython lines: `%cd /Users/ann/project`, `!cp /home/ann/data.csv
    // .`.
    for (const Escape& e : escapes(*ctx.units()[u].unit)) {
      std::string_view text = e.text;
      for (std::string_view w : words(text)) {
        while (!w.empty() && (w.front() == '"' || w.front() == '\'')) {
          w.remove_prefix(1);
        }
        if (is_local_path(w)) {
          auto at = static_cast<uint32_t>(w.data() - ctx.units()[u].unit->original.data());
          ctx.report(u, at, at + static_cast<uint32_t>(w.size()), path_message(w));
        }
      }
    }
  }
}

void package_install_in_notebook(RuleContext& ctx) {
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    for (const Escape& e : escapes(*ctx.units()[u].unit)) {
      if (is_install_escape(e)) {
        ctx.report(u, e.start, e.end,
                   backticked(shorten(e.text)) +
                       " installs a package from the notebook: declare the dependency (requirements.txt, "
                       "pyproject.toml or environment.yml) instead");
      }
    }
  }
}

void shell_command(RuleContext& ctx) {
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    for (const Escape& e : escapes(*ctx.units()[u].unit)) {
      if ((e.kind == Escape::Kind::shell || is_shell_magic(e)) && !is_install_escape(e)) {
        ctx.report(u, e.start, e.end,
                   "Shell command `" + shorten(e.text) +
                       "`: it depends on this machine's shell and tools; use Python (`pathlib`, `shutil`, "
                       "`subprocess`) or a documented setup step");
      }
    }
  }
}

void change_directory(RuleContext& ctx) {
  const Symbols& s = sym();
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    for (const Escape& e : escapes(*ctx.units()[u].unit)) {
      if (is_cd_magic(e)) {
        ctx.report(u, e.start, e.end,
                   backticked(shorten(e.text)) +
                       " changes the working directory for every later cell: relative paths then depend on which cells "
                       "ran; build paths from one base directory instead");
      }
    }
    for (TSNode call : ctx.nodes(u, s.call)) {
      TSNode fn = call_function(call);
      if (ts_node_is_null(fn)) {
        continue;
      }
      if (!node_text(ctx, u, fn).ends_with("chdir")) {
        continue;  // cheap test before resolving
      }
      QualifiedName q = qualified_name(ctx, u, fn);
      if (q.origin == Origin::import && (q.name == "os.chdir" || q.name == "os.fchdir")) {
        ctx.report(u, ts_node_start_byte(call), ts_node_end_byte(call),
                   backticked(std::string(node_text(ctx, u, fn))) +
                       " changes the working directory of the whole process: relative paths then depend on what ran "
                       "before; build paths from one base directory instead");
      }
    }
  }
}

// --- Randomness without a seed.
namespace {

// Functions of the global generators that a seed makes repeatable.
constexpr std::array<std::string_view, 22> k_random_functions = {
    "betavariate", "binomialvariate", "choice",         "choices",       "expovariate",   "gammavariate",
    "gauss",       "getrandbits",     "lognormvariate", "normalvariate", "paretovariate", "randbytes",
    "randint",     "random",          "randrange",      "sample",        "shuffle",       "triangular",
    "uniform",     "vonmisesvariate", "weibullvariate", "Random"};
constexpr std::array<std::string_view, 45> k_numpy_functions = {"beta",
                                                                "binomial",
                                                                "bytes",
                                                                "chisquare",
                                                                "choice",
                                                                "dirichlet",
                                                                "exponential",
                                                                "f",
                                                                "gamma",
                                                                "geometric",
                                                                "gumbel",
                                                                "hypergeometric",
                                                                "laplace",
                                                                "logistic",
                                                                "lognormal",
                                                                "logseries",
                                                                "multinomial",
                                                                "multivariate_normal",
                                                                "negative_binomial",
                                                                "noncentral_chisquare",
                                                                "noncentral_f",
                                                                "normal",
                                                                "pareto",
                                                                "permutation",
                                                                "poisson",
                                                                "power",
                                                                "rand",
                                                                "randint",
                                                                "randn",
                                                                "random",
                                                                "random_integers",
                                                                "random_sample",
                                                                "ranf",
                                                                "rayleigh",
                                                                "sample",
                                                                "shuffle",
                                                                "standard_cauchy",
                                                                "standard_exponential",
                                                                "standard_gamma",
                                                                "standard_normal",
                                                                "standard_t",
                                                                "triangular",
                                                                "uniform",
                                                                "vonmises",
                                                                "wald"};
constexpr std::array<std::string_view, 13> k_torch_functions = {"torch.bernoulli",
                                                                "torch.multinomial",
                                                                "torch.normal",
                                                                "torch.poisson",
                                                                "torch.rand",
                                                                "torch.rand_like",
                                                                "torch.randint",
                                                                "torch.randint_like",
                                                                "torch.randn",
                                                                "torch.randn_like",
                                                                "torch.randperm",
                                                                "torch.utils.data.random_split",
                                                                "torch.utils.data.dataset.random_split"};
// Calls that seed random, numpy and torch together.
constexpr std::array<std::string_view, 8> k_seed_everything = {"lightning.seed_everything",
                                                               "pytorch_lightning.seed_everything",
                                                               "lightning.pytorch.seed_everything",
                                                               "lightning_fabric.seed_everything",
                                                               "transformers.set_seed",
                                                               "accelerate.utils.set_seed",
                                                               "keras.utils.set_random_seed",
                                                               "tensorflow.keras.utils.set_random_seed"};

template <size_t N>
bool listed(const std::array<std::string_view, N>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

std::string_view last_component(std::string_view dotted) {
  size_t dot = dotted.rfind('.');
  return dot == std::string_view::npos ? dotted : dotted.substr(dot + 1);
}

// True when a call passes a value that can be a seed: any argument other than a
// lone `None`
// (`default_rng()`, `default_rng(None)`, `seed()` and `RandomState(seed=None)`
// pass none).
bool passes_seed(RuleContext& ctx, uint32_t u, TSNode call) {
  TSNode args = ts_node_child_by_field_name(call, "arguments", 9);
  if (ts_node_is_null(args)) {
    return false;
  }
  static const TSSymbol comment = RuleContext::symbol("comment");
  static const TSSymbol keyword = RuleContext::symbol("keyword_argument");
  std::vector<TSNode> values;
  for (uint32_t i = 0; i < ts_node_named_child_count(args); ++i) {
    TSNode a = ts_node_named_child(args, i);
    if (ts_node_symbol(a) != comment) {
      values.push_back(a);
    }
  }
  if (values.empty()) {
    return false;
  }
  if (values.size() == 1) {
    TSNode v = values[0];
    if (ts_node_symbol(v) == keyword) {
      v = ts_node_child_by_field_name(v, "value", 5);
    }
    return ts_node_is_null(v) || ts_node_symbol(v) != sym().none;
  }
  (void)ctx;
  (void)u;
  return true;
}

// The names covered (last component of the import path under `sklearn.`), as
// data. `shuffle` marks splitters that are random only with `shuffle=True`;
// `shuffle_default` marks functions that shuffle unless `shuffle=False`.
struct SklearnName {
  std::string_view name;
  enum class When : uint8_t { always, shuffle_true, unless_shuffle_false } when = When::always;
};
constexpr std::array<SklearnName, 56> k_sklearn = {{
    // model_selection
    {"train_test_split", SklearnName::When::unless_shuffle_false},
    {"KFold", SklearnName::When::shuffle_true},
    {"StratifiedKFold", SklearnName::When::shuffle_true},
    {"GroupKFold", SklearnName::When::shuffle_true},
    {"ShuffleSplit"},
    {"StratifiedShuffleSplit"},
    {"GroupShuffleSplit"},
    {"RepeatedKFold"},
    {"RepeatedStratifiedKFold"},
    {"RandomizedSearchCV"},
    {"HalvingRandomSearchCV"},
    // ensemble
    {"RandomForestClassifier"},
    {"RandomForestRegressor"},
    {"ExtraTreesClassifier"},
    {"ExtraTreesRegressor"},
    {"GradientBoostingClassifier"},
    {"GradientBoostingRegressor"},
    {"HistGradientBoostingClassifier"},
    {"HistGradientBoostingRegressor"},
    {"AdaBoostClassifier"},
    {"AdaBoostRegressor"},
    {"BaggingClassifier"},
    {"BaggingRegressor"},
    {"IsolationForest"},
    {"RandomTreesEmbedding"},
    // tree
    {"DecisionTreeClassifier"},
    {"DecisionTreeRegressor"},
    {"ExtraTreeClassifier"},
    {"ExtraTreeRegressor"},
    // cluster, mixture
    {"KMeans"},
    {"MiniBatchKMeans"},
    {"BisectingKMeans"},
    {"SpectralClustering"},
    {"GaussianMixture"},
    {"BayesianGaussianMixture"},
    // manifold, decomposition
    {"TSNE"},
    {"MDS"},
    {"TruncatedSVD"},
    {"LatentDirichletAllocation"},
    {"FastICA"},
    // neural_network, linear_model
    {"MLPClassifier"},
    {"MLPRegressor"},
    {"BernoulliRBM"},
    {"SGDClassifier"},
    {"SGDRegressor"},
    {"Perceptron"},
    {"PassiveAggressiveClassifier"},
    {"RANSACRegressor"},
    // kernel_approximation, random_projection
    {"RBFSampler"},
    {"Nystroem"},
    {"GaussianRandomProjection"},
    {"SparseRandomProjection"},
    // datasets, utils, inspection
    {"make_classification"},
    {"make_regression"},
    {"make_blobs"},
    {"permutation_importance"},
}};

const SklearnName* find_sklearn(std::string_view qualified) {
  if (!qualified.starts_with("sklearn.")) {
    return nullptr;
  }
  std::string_view last = last_component(qualified);
  for (const SklearnName& n : k_sklearn) {
    if (n.name == last) {
      return &n;
    }
  }
  return nullptr;
}

bool keyword_is(RuleContext& ctx, uint32_t u, TSNode call, std::string_view keyword, std::string_view value) {
  TSNode kw = keyword_argument(ctx, u, call, keyword);
  if (ts_node_is_null(kw)) {
    return false;
  }
  TSNode v = ts_node_child_by_field_name(kw, "value", 5);
  return !ts_node_is_null(v) && node_text(ctx, u, v) == value;
}

// The last name of a callee (`rand` in `np.random.rand`), for a cheap test before resolving.
std::string_view callee_last_name(RuleContext& ctx, uint32_t u, TSNode fn) {
  static const TSSymbol identifier = RuleContext::symbol("identifier");
  static const TSSymbol attribute = RuleContext::symbol("attribute");
  if (ts_node_symbol(fn) == identifier) {
    return node_text(ctx, u, fn);
  }
  if (ts_node_symbol(fn) == attribute) {
    TSNode attr = ts_node_child_by_field_name(fn, "attribute", 9);
    return ts_node_is_null(attr) ? std::string_view() : node_text(ctx, u, attr);
  }
  return {};
}

// Whether a callee with this last name can matter to NB205/NB206 (most calls cannot).
bool worth_resolving(std::string_view last) {
  if (last.empty()) {
    return false;
  }
  if (last.find("seed") != std::string_view::npos || last.find("Seed") != std::string_view::npos) {
    return true;
  }
  if (listed(k_random_functions, last) || listed(k_numpy_functions, last) || last == "default_rng" ||
      last == "RandomState") {
    return true;
  }
  for (std::string_view t : k_torch_functions) {
    if (last_component(t) == last) {
      return true;
    }
  }
  for (const SklearnName& n : k_sklearn) {
    if (n.name == last) {
      return true;
    }
  }
  return false;
}

struct Seeds {
  bool random = false;
  bool numpy = false;
  bool torch = false;
};

// A call of any function whose name says it seeds (`set_seed(42)`,
// `utils.seed_everything(0)`, `fix_seeds(s)`) counts as seeding everything:
// projects wrap the three seeds in one helper.
bool is_seed_helper(const QualifiedName& q) {
  if (q.origin == Origin::import) {
    for (std::string_view lib : {"random.", "numpy.", "torch.", "tensorflow.", "jax."}) {
      if (q.name.starts_with(lib)) {
        return false;  // a library's own seed function seeds that library only
      }
    }
  }
  std::string last(last_component(q.name));
  std::transform(last.begin(), last.end(), last.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return last.find("seed") != std::string::npos && last != "seed" && last != "manual_seed";
}

struct RandomCall {
  uint32_t unit;
  TSNode call;
  QualifiedName q;
};

// In a .py module, a draw inside a function belongs to whoever calls it: the
// application seeds the global generators (or passes `random_state`), not the
// library. Notebooks and a module's top-level code (a script's) are checked.
bool left_to_caller(RuleContext& ctx, TSNode call) {
  if (ctx.notebook()) {
    return false;
  }
  static const TSSymbol function = RuleContext::symbol("function_definition");
  static const TSSymbol lambda = RuleContext::symbol("lambda");
  for (TSNode p = ts_node_parent(call); !ts_node_is_null(p); p = ts_node_parent(p)) {
    if (ts_node_symbol(p) == function || ts_node_symbol(p) == lambda) {
      return true;
    }
  }
  return false;
}

// Every resolved call of the file, with the seeds it sets.
void scan_calls(RuleContext& ctx, std::vector<RandomCall>& calls, Seeds& seeds) {
  const Symbols& s = sym();
  for (uint32_t u = 0; u < ctx.units().size(); ++u) {
    for (TSNode call : ctx.nodes(u, s.call)) {
      TSNode fn = call_function(call);
      if (ts_node_is_null(fn)) {
        continue;
      }
      if (!worth_resolving(callee_last_name(ctx, u, fn))) {
        continue;
      }
      QualifiedName q = qualified_name(ctx, u, fn);
      if (q.origin == Origin::none) {
        continue;
      }
      if (q.origin == Origin::import) {
        if (q.name == "random.seed") {
          seeds.random = seeds.random || passes_seed(ctx, u, call);
          continue;
        }
        if (q.name == "numpy.random.seed") {
          seeds.numpy = seeds.numpy || passes_seed(ctx, u, call);
          continue;
        }
        if (q.name == "torch.manual_seed" || q.name == "torch.random.manual_seed") {
          seeds.torch = seeds.torch || passes_seed(ctx, u, call);
          continue;
        }
        if (listed(k_seed_everything, q.name)) {
          seeds.random = seeds.numpy = seeds.torch = true;
          continue;
        }
      }
      if (is_seed_helper(q) && passes_seed(ctx, u, call)) {
        seeds.random = seeds.numpy = seeds.torch = true;
        continue;
      }
      if (q.origin == Origin::import) {
        calls.push_back(RandomCall{u, call, q});
      }
    }
  }
}

}  // namespace

void unseeded_random(RuleContext& ctx) {
  std::vector<RandomCall> calls;
  Seeds seeds;
  scan_calls(ctx, calls, seeds);
  const std::string where = ctx.notebook() ? "this notebook" : "this file";
  for (const RandomCall& c : calls) {
    if (left_to_caller(ctx, c.call)) {
      continue;
    }
    const std::string& name = c.q.name;
    std::string written(node_text(ctx, c.unit, call_function(c.call)));
    std::string message;
    if (name.starts_with("random.") && name.find('.', 7) == std::string::npos) {
      std::string_view fn = std::string_view(name).substr(7);
      if (fn == "Random") {
        if (!passes_seed(ctx, c.unit, c.call)) {
          message = "`" + written + "()` without a seed draws a different sequence on every run; pass a seed";
        }
      } else if (listed(k_random_functions, fn) && !seeds.random) {
        message =
            "`" + written + "` is not seeded (no `random.seed(...)` in " + where + "): results change from run to run";
      }
    } else if (name.starts_with("numpy.random.") && name.find('.', 13) == std::string::npos) {
      std::string_view fn = std::string_view(name).substr(13);
      if (fn == "default_rng" || fn == "RandomState") {
        if (!passes_seed(ctx, c.unit, c.call)) {
          message = "`" + written + "()` without a seed draws different numbers on every run; pass a seed";
        }
      } else if (listed(k_numpy_functions, fn) && !seeds.numpy) {
        message = "`" + written + "` is not seeded (no `np.random.seed(...)` in " + where +
                  "): results change from run to run; seed it, or draw from `np.random.default_rng(SEED)`";
      }
    } else if (listed(k_torch_functions, name) && !seeds.torch) {
      if (!ts_node_is_null(keyword_argument(ctx, c.unit, c.call, "generator"))) {
        continue;
      }
      message = "`" + written + "` is not seeded (no `torch.manual_seed(...)` in " + where +
                "): results change from run to run";
    }
    if (!message.empty()) {
      ctx.report(c.unit, ts_node_start_byte(c.call), ts_node_end_byte(c.call), std::move(message));
    }
  }
}

void random_state_unset(RuleContext& ctx) {
  std::vector<RandomCall> calls;
  Seeds seeds;
  scan_calls(ctx, calls, seeds);
  if (seeds.numpy) {
    return;  // `random_state=None` draws from numpy's global generator, which is
             // seeded
  }
  for (const RandomCall& c : calls) {
    const SklearnName* n = find_sklearn(c.q.name);
    if (n == nullptr || left_to_caller(ctx, c.call)) {
      continue;
    }
    ArgumentShape shape = argument_shape(c.call);
    if (shape.splat) {
      continue;  // `**params` may carry it
    }
    TSNode rs = keyword_argument(ctx, c.unit, c.call, "random_state");
    if (!ts_node_is_null(rs) && !keyword_is(ctx, c.unit, c.call, "random_state", "None")) {
      continue;
    }
    if (n->when == SklearnName::When::shuffle_true && !keyword_is(ctx, c.unit, c.call, "shuffle", "True")) {
      continue;
    }
    if (n->when == SklearnName::When::unless_shuffle_false && keyword_is(ctx, c.unit, c.call, "shuffle", "False")) {
      continue;
    }
    std::string written(node_text(ctx, c.unit, call_function(c.call)));
    ctx.report(c.unit, ts_node_start_byte(c.call), ts_node_end_byte(c.call),
               "`" + written + "` without `random_state`: results change from run to run; pass `random_state=SEED`");
  }
}

}  // namespace nbloop::lint::rules
