#include "python/source.hpp"

#include <algorithm>
#include <cstring>

#include "notebook/json.hpp"
#include "python/ipython.hpp"
#include "util/text.hpp"

namespace nbloop::python {
namespace json = notebook::json;

namespace {

// Sources larger than this are refused instead of parsed (a cell or .py this big is data).
constexpr size_t k_max_source_bytes = size_t{16} << 20;

// Counts file lines up to increasing offsets without rescanning from the start.
class LineCounter {
 public:
  explicit LineCounter(std::string_view input) : m_input(input) {}
  int line_at(size_t offset) {
    if (offset < m_offset) {
      m_offset = 0;
      m_line = 1;
    }
    const char* p = m_input.data() + m_offset;
    const char* end = m_input.data() + std::min(offset, m_input.size());
    while (p < end) {
      const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
      if (nl == nullptr) {
        break;
      }
      ++m_line;
      p = static_cast<const char*>(nl) + 1;
    }
    m_offset = std::min(offset, m_input.size());
    return m_line;
  }

 private:
  std::string_view m_input;
  size_t m_offset = 0;
  int m_line = 1;
};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Looks up a path of keys, materializing raw containers on the way.
const json::Value* find_path(const json::Document& doc, const json::Value* start,
                             std::initializer_list<std::string_view> keys) {
  auto* v = const_cast<json::Value*>(start);
  for (std::string_view k : keys) {
    if (v == nullptr || !v->is_object()) {
      return nullptr;
    }
    doc.expand(*v);
    v = v->find(k);
  }
  if (v != nullptr) {
    doc.expand(*v);
  }
  return v;
}

util::Error utf8_error(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* end = s + bytes.size();
  const auto* p = s;
  while (p < end) {
    if (*p == 0) {
      auto lc = util::line_col_at(bytes, static_cast<size_t>(p - s));
      return util::make_error("not a text file (NUL byte)", lc.line, lc.column);
    }
    size_t n = util::utf8_sequence_length(p, end);
    if (n == 0) {
      auto lc = util::line_col_at(bytes, static_cast<size_t>(p - s));
      return util::make_error("not valid UTF-8", lc.line, lc.column);
    }
    p += n;
  }
  return util::make_error("");
}

}  // namespace

uint32_t SourceUnit::line_of(uint32_t offset) const {
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  return static_cast<uint32_t>((it - line_starts.begin()) - 1);
}

std::pair<int, int> SourceUnit::position(uint32_t offset) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text.size()));
  uint32_t line = line_of(offset);
  int column = 1;
  for (uint32_t i = line_starts[line]; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {static_cast<int>(line) + 1, column};
}

std::string_view SourceUnit::line_text(uint32_t line) const {
  if (line >= line_starts.size()) {
    return {};
  }
  size_t start = line_starts[line];
  size_t end = line + 1 < line_starts.size() ? line_starts[line + 1] : original.size();
  std::string_view s(original.data() + start, end - start);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool SourceUnit::is_escape(uint32_t offset) const {
  return std::binary_search(escape_offsets.begin(), escape_offsets.end(), offset);
}

bool is_notebook_path(std::string_view path) { return path.ends_with(".ipynb"); }

SourceUnit make_unit(std::string original, int cell, int first_file_line, bool mask) {
  SourceUnit unit;
  unit.cell = cell;
  if (mask) {
    MaskedSource m = mask_ipython(original);
    unit.text = std::move(m.text);
    unit.escape_offsets = std::move(m.escape_offsets);
  } else {
    unit.text = original;
  }
  unit.original = std::move(original);
  unit.line_starts.push_back(0);
  for (size_t i = 0; i < unit.text.size(); ++i) {
    if (unit.text[i] == '\n') {
      unit.line_starts.push_back(static_cast<uint32_t>(i + 1));
    }
  }
  unit.file_lines.reserve(unit.line_starts.size());
  for (size_t i = 0; i < unit.line_starts.size(); ++i) {
    unit.file_lines.push_back(first_file_line + static_cast<int>(i));
  }
  return unit;
}

util::Result<SourceFile> load_python_source(std::string bytes) {
  if (bytes.size() > k_max_source_bytes) {
    return util::make_error("too large to lint (" + std::to_string(bytes.size() >> 20) + " MB; the limit is " +
                            std::to_string(k_max_source_bytes >> 20) + " MB)");
  }
  if (!util::is_valid_utf8(bytes) || std::memchr(bytes.data(), 0, bytes.size()) != nullptr) {
    return utf8_error(bytes);
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    bytes.replace(0, 3, "   ");  // Python accepts a BOM; keep offsets and columns stable.
  }
  SourceFile file;
  file.units.push_back(make_unit(std::move(bytes), 0, 1, false));
  return file;
}

util::Result<SourceFile> load_notebook_source(std::string bytes) {
  // Outputs (most of a notebook's bytes) stay unexpanded spans: validated once, never built.
  json::ParseOptions options;
  options.eager_depth = 2;
  auto parsed = json::Document::parse(std::move(bytes), options);
  if (!parsed) {
    return util::make_error("invalid notebook JSON: " + parsed.error().message, parsed.error().line, parsed.error().column);
  }
  json::Document& doc = *parsed;
  json::Value& root = doc.root();
  if (!root.is_object()) {
    return util::make_error("not a notebook (the top level is not a JSON object)");
  }
  doc.expand(root);
  const json::Value* nbformat = root.find("nbformat");
  if (nbformat == nullptr || nbformat->kind != json::Kind::integer) {
    return util::make_error("not a notebook (no integer \"nbformat\" field)");
  }
  const bool v3 = nbformat->text == "3";
  if (!v3 && nbformat->text != "4") {
    return util::make_error("unsupported nbformat " + std::string(nbformat->text) + " (nbloop reads 3 and 4)");
  }
  std::vector<json::Value*> cells;
  auto collect = [&](json::Value* list) -> bool {
    if (list == nullptr || !list->is_array()) {
      return false;
    }
    doc.expand(*list);
    for (json::Value& c : list->items) {
      doc.expand(c, 1);
      if (c.is_object()) {
        for (const char* key : {"metadata", "source", "input"}) {
          if (json::Value* v = c.find(key); v != nullptr) {
            doc.expand(*v, 3);
          }
        }
      }
      cells.push_back(&c);
    }
    return true;
  };
  if (v3) {
    json::Value* worksheets = root.find("worksheets");
    if (worksheets != nullptr && worksheets->is_array()) {
      doc.expand(*worksheets);
      for (json::Value& ws : worksheets->items) {
        doc.expand(ws);
        if (ws.is_object()) {
          collect(ws.find("cells"));
        }
      }
    }
  } else if (!collect(root.find("cells"))) {
    return util::make_error("not a notebook (no \"cells\" array)");
  }

  // The kernel's language decides for every cell.
  bool python_kernel = true;
  if (json::Value* meta = root.find("metadata"); meta != nullptr && meta->is_object()) {
    doc.expand(*meta, 3);
    for (auto keys : {std::initializer_list<std::string_view>{"kernelspec", "language"},
                      std::initializer_list<std::string_view>{"language_info", "name"},
                      std::initializer_list<std::string_view>{"language"}}) {
      const json::Value* lang = find_path(doc, meta, keys);
      if (lang != nullptr && lang->is_string()) {
        python_kernel = lower(lang->str()).starts_with("python");
        break;
      }
    }
  }

  SourceFile file;
  file.notebook = true;
  file.cell_count = static_cast<int>(cells.size());
  LineCounter lines(doc.input());
  std::string_view input = doc.input();
  auto file_line_of = [&](const json::Value& v) {
    if (v.text.data() >= input.data() && v.text.data() <= input.data() + input.size()) {
      return lines.line_at(static_cast<size_t>(v.text.data() - input.data()));
    }
    return 0;
  };
  int index = 0;
  for (json::Value* cell : cells) {
    ++index;
    if (!cell->is_object()) {
      return util::make_error("not a notebook (cell " + std::to_string(index) + " is not an object)");
    }
    const json::Value* type = cell->find("cell_type");
    if (type == nullptr || !type->string_equals("code")) {
      continue;
    }
    if (!python_kernel) {
      ++file.skipped_cells;
      continue;
    }
    const json::Value* meta = cell->find("metadata");
    if (const json::Value* lid = find_path(doc, meta, {"vscode", "languageId"}); lid != nullptr && lid->is_string() &&
                                                                             !lid->string_equals("python")) {
      ++file.skipped_cells;
      continue;
    }
    const json::Value* source = cell->find(v3 ? "input" : "source");
    if (source == nullptr) {
      source = cell->find("source");
    }
    std::string text;
    std::vector<int> file_lines;
    bool line_open = false;
    auto append = [&](const json::Value& piece) {
      std::string s = piece.str();
      int fl = file_line_of(piece);
      for (char c : s) {
        if (!line_open) {
          file_lines.push_back(fl);
          line_open = true;
        }
        if (c == '\n') {
          line_open = false;
        }
      }
      text += s;
      return fl;
    };
    int last_line = source != nullptr ? file_line_of(*source) : 0;
    if (source != nullptr && source->is_string()) {
      last_line = append(*source);
    } else if (source != nullptr && source->is_array()) {
      for (const json::Value& piece : source->items) {
        if (piece.is_string()) {
          last_line = append(piece);
        }
      }
    } else if (source != nullptr) {
      return util::make_error("cell " + std::to_string(index) + ": source is not a string or a list of strings",
                              file_line_of(*source), 1);
    }
    if (text.size() > k_max_source_bytes) {
      return util::make_error("cell " + std::to_string(index) + " is too large to lint");
    }
    if (classify_cell_magic(text) == CellMagic::other) {
      ++file.skipped_cells;
      continue;
    }
    SourceUnit unit = make_unit(std::move(text), index, 0, true);
    file_lines.resize(unit.line_starts.size(), last_line);
    unit.file_lines = std::move(file_lines);
    if (const json::Value* tags = find_path(doc, meta, {"tags"}); tags != nullptr && tags->kind == json::Kind::array) {
      for (const json::Value& t : tags->items) {
        if (t.is_string()) {
          unit.tags.push_back(t.str());
        }
      }
    }
    file.units.push_back(std::move(unit));
  }
  return file;
}

util::Result<SourceFile> load_source(std::string_view path, std::string bytes) {
  if (is_notebook_path(path)) {
    return load_notebook_source(std::move(bytes));
  }
  return load_python_source(std::move(bytes));
}

}  // namespace nbloop::python
