#include "python/source.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "notebook/json.hpp"
#include "python/ipython.hpp"
#include "util/text.hpp"

namespace nbloop::python {
namespace json = notebook::json;

namespace {

// Sources larger than this are refused instead of parsed (a cell or .py this big is data).
constexpr size_t k_max_source_bytes = size_t{16} << 20;

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

// The 0-based line holding `offset`, given each line's first byte.
uint32_t line_holding(const std::vector<uint32_t>& line_starts, uint32_t offset) {
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  return static_cast<uint32_t>((it - line_starts.begin()) - 1);
}

// 1-based line and column (in code points) of `offset` in `text`.
std::pair<int, int> position_in(std::string_view text, const std::vector<uint32_t>& line_starts, uint32_t offset) {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text.size()));
  uint32_t line = line_holding(line_starts, offset);
  int column = 1;
  for (uint32_t i = line_starts[line]; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {static_cast<int>(line) + 1, column};
}

}  // namespace

uint32_t SourceUnit::line_of(uint32_t offset) const { return line_holding(line_starts, offset); }

std::pair<int, int> SourceUnit::position(uint32_t offset) const { return position_in(text, line_starts, offset); }

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

void MappedText::append(std::string_view piece, int file_line) {
  if (piece.empty()) {
    return;
  }
  if (file_lines.size() < line_starts.size()) {
    file_lines.push_back(file_line);  // the current line starts in this piece
  }
  const size_t base = text.size();
  for (size_t pos = piece.find('\n'); pos != std::string_view::npos; pos = piece.find('\n', pos + 1)) {
    line_starts.push_back(static_cast<uint32_t>(base + pos + 1));
    if (pos + 1 < piece.size()) {
      file_lines.push_back(file_line);
    }
  }
  text += piece;
}

uint32_t MappedText::line_of(uint32_t offset) const { return line_holding(line_starts, offset); }

std::pair<int, int> MappedText::position(uint32_t offset) const { return position_in(text, line_starts, offset); }

int MappedText::file_line(uint32_t line) const {
  if (file_lines.empty()) {
    return 0;
  }
  return line < file_lines.size() ? file_lines[line] : file_lines.back();
}

std::string_view MappedText::line_text(uint32_t line) const {
  if (line >= line_starts.size()) {
    return {};
  }
  size_t start = line_starts[line];
  size_t end = line + 1 < line_starts.size() ? line_starts[line + 1] : text.size();
  std::string_view s(text.data() + start, end - start);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
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

namespace {

// The line of the input holding each offset, by binary search over the line breaks (built
// once; lookups may come in any order).
class LineIndex {
 public:
  explicit LineIndex(std::string_view input) : m_input(input) {
    const char* p = input.data();
    const char* end = p + input.size();
    while (p < end) {
      const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
      if (nl == nullptr) {
        break;
      }
      m_breaks.push_back(static_cast<uint32_t>(static_cast<const char*>(nl) - input.data()));
      p = static_cast<const char*>(nl) + 1;
    }
  }
  /// 1-based line of a pointer into the input (0 when it points elsewhere).
  [[nodiscard]] int line_of(const char* p) const {
    if (p < m_input.data() || p > m_input.data() + m_input.size()) {
      return 0;
    }
    auto offset = static_cast<uint32_t>(p - m_input.data());
    return static_cast<int>(std::lower_bound(m_breaks.begin(), m_breaks.end(), offset) - m_breaks.begin()) + 1;
  }

 private:
  std::string_view m_input;
  std::vector<uint32_t> m_breaks;
};

// Appends a JSON text field (a string or a list of strings) to `out`.
void append_text(const json::Document& doc, json::Value& v, const LineIndex& lines, MappedText& out) {
  doc.expand(v);
  if (v.is_string()) {
    out.append(v.str(), lines.line_of(v.text.data()));
  } else if (v.is_array()) {
    for (json::Value& piece : v.items) {
      if (piece.is_string()) {
        out.append(piece.str(), lines.line_of(piece.text.data()));
      }
    }
  }
}

void end_text_block(MappedText& t) {
  if (!t.text.empty() && t.text.back() != '\n') {
    t.append("\n", t.file_lines.empty() ? 0 : t.file_lines.back());
  }
}

bool readable_mime(std::string_view key) {
  return key == "text/plain" || key == "text/html" || key == "text/markdown" || key == "text/latex" || key == "text" ||
         key == "html" || key == "latex" || key == "markdown";
}

// Reads one output: its type, size and line, and the text a reader sees in it.
OutputFacts read_output(const json::Document& doc, json::Value& out, const LineIndex& lines, bool text) {
  OutputFacts o;
  o.bytes = out.kind == json::Kind::raw ? out.text.size() : 0;
  o.file_line = lines.line_of(out.text.data());
  if (!text) {
    return o;
  }
  doc.expand(out, 2);  // its members and the mime bundle in one scan
  if (!out.is_object()) {
    return o;
  }
  json::Value* evalue = nullptr;
  bool traceback = false;
  for (json::Member& m : out.members) {
    std::string_view key = m.key.text;
    json::Value& v = m.value;
    if (key == "output_type" && v.is_string()) {
      o.output_type = v.str();
    } else if ((key == "name" || key == "stream") && v.is_string()) {
      o.name = v.str();
    } else if (key == "data" && v.is_object()) {
      doc.expand(v, 1);
      for (json::Member& d : v.members) {
        o.mime_types.emplace_back(d.key.text);
        if (readable_mime(d.key.text)) {
          append_text(doc, d.value, lines, o.text);
          end_text_block(o.text);
        }
      }
    } else if (key == "evalue") {
      evalue = &v;
    } else if (key == "text" || key == "traceback" || (readable_mime(key) && key != "text/plain")) {
      // Stream text, an error's traceback (it ends with the error's value); nbformat 3
      // keeps mime data at the top of the output.
      traceback = traceback || key == "traceback";
      append_text(doc, v, lines, o.text);
      end_text_block(o.text);
    }
  }
  if (evalue != nullptr && !traceback) {
    append_text(doc, *evalue, lines, o.text);
    end_text_block(o.text);
  }
  return o;
}

}  // namespace

util::Result<SourceFile> load_notebook_source(std::string bytes, const LoadOptions& load) {
  // Outputs (most of a notebook's bytes) stay unexpanded spans except for the few text fields
  // notebook rules read; images are never decoded.
  json::ParseOptions options;
  options.eager_depth = 2;
  auto parsed = json::Document::parse(std::move(bytes), options);
  if (!parsed) {
    return util::make_error("invalid notebook JSON: " + parsed.error().message, parsed.error().line,
                            parsed.error().column);
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
  const LineIndex lines(doc.input());
  SourceFile file;
  file.notebook = true;
  NotebookFacts& facts = file.facts;
  facts.nbformat = v3 ? 3 : 4;
  if (const json::Value* minor = root.find("nbformat_minor"); minor != nullptr && minor->kind == json::Kind::integer) {
    facts.nbformat_minor = std::atoi(std::string(minor->text).c_str());
  }

  std::vector<json::Value*> cells;
  auto collect = [&](json::Value* list) -> bool {
    if (list == nullptr || !list->is_array()) {
      return false;
    }
    doc.expand(*list);
    for (json::Value& c : list->items) {
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
  facts.metadata_line = 1;
  for (const json::Member& m : root.members) {
    if (m.key.text == "metadata") {
      facts.metadata_line = std::max(1, lines.line_of(m.key.text.data()));
    }
  }
  if (json::Value* meta = root.find("metadata"); meta != nullptr && meta->is_object()) {
    doc.expand(*meta, 3);
    if (const json::Value* ks = find_path(doc, meta, {"kernelspec"}); ks != nullptr && ks->is_object()) {
      facts.has_kernelspec = true;
      if (const json::Value* name = ks->find("name"); name != nullptr && name->is_string()) {
        facts.kernel_name = name->str();
      }
    }
    if (const json::Value* li = find_path(doc, meta, {"language_info", "name"}); li != nullptr && li->is_string()) {
      facts.language_info = li->str();
    }
    for (auto keys : {std::initializer_list<std::string_view>{"kernelspec", "language"},
                      std::initializer_list<std::string_view>{"language_info", "name"},
                      std::initializer_list<std::string_view>{"language"}}) {
      const json::Value* lang = find_path(doc, meta, keys);
      if (lang != nullptr && lang->is_string()) {
        facts.kernel_language = lang->str();
        facts.python_kernel = lower(lang->str()).starts_with("python");
        break;
      }
    }
  }

  file.cell_count = static_cast<int>(cells.size());
  facts.cells.reserve(cells.size());
  int index = 0;
  for (json::Value* cell : cells) {
    ++index;
    CellFacts& cf = facts.cells.emplace_back();
    cf.index = index;
    cf.file_line = lines.line_of(cell->text.data());
    // Two levels in one scan: the cell's members and their items (each output stays a raw
    // span, whose size and line are known without building it).
    doc.expand(*cell, 2);
    if (!cell->is_object()) {
      return util::make_error("not a notebook (cell " + std::to_string(index) + " is not an object)");
    }
    // Members in file order: line lookups stay local and each value is visited once.
    json::Value* source = nullptr;
    json::Value* input = nullptr;
    json::Value* meta = nullptr;
    for (json::Member& m : cell->members) {
      std::string_view key = m.key.text;
      json::Value& v = m.value;
      if (key == "cell_type") {
        cf.type_name = v.is_string() ? v.str() : std::string();
        cf.type = cf.type_name == "code"       ? CellType::code
                  : cf.type_name == "markdown" ? CellType::markdown
                  : cf.type_name == "raw"      ? CellType::raw
                                               : CellType::other;
      } else if (key == "source") {
        source = &v;
      } else if (key == "input") {
        input = &v;
      } else if (key == "metadata") {
        meta = &v;
        doc.expand(v, 3);
      } else if (key == "id") {
        cf.has_id = true;
        cf.id_line = lines.line_of(v.text.data());
        if (v.is_string()) {
          cf.id = v.str();
        }
      } else if (key == "execution_count" || key == "prompt_number") {
        if (v.kind == json::Kind::integer) {
          cf.execution_count = std::atoll(std::string(v.text).c_str());
          cf.execution_count_line = lines.line_of(v.text.data());
        }
      } else if (key == "outputs") {
        cf.has_outputs_member = true;
        doc.expand(v, 1);
        if (v.is_array()) {
          cf.outputs.reserve(v.items.size());
          for (json::Value& out : v.items) {
            cf.outputs.push_back(read_output(doc, out, lines, load.output_contents));
          }
        }
      }
    }
    if (cf.execution_count_line == 0) {
      cf.execution_count_line = cf.file_line;
    }
    if (const json::Value* tags = find_path(doc, meta, {"tags"}); tags != nullptr && tags->kind == json::Kind::array) {
      for (const json::Value& t : tags->items) {
        if (t.is_string()) {
          cf.tags.push_back(t.str());
        }
      }
    }
    json::Value* text_field =
        v3 && input != nullptr && cf.type == CellType::code ? input : (source != nullptr ? source : input);
    int last_line = cf.file_line;
    if (text_field != nullptr) {
      cf.has_source = true;
      last_line = std::max(lines.line_of(text_field->text.data()), cf.file_line);
      doc.expand(*text_field, 1);
      if (text_field->is_string()) {
        cf.source.append(text_field->str(), last_line);
      } else if (text_field->is_array()) {
        for (const json::Value& piece : text_field->items) {
          if (piece.is_string()) {
            last_line = lines.line_of(piece.text.data());
            cf.source.append(piece.str(), last_line);
          }
        }
      } else {
        return util::make_error("cell " + std::to_string(index) + ": source is not a string or a list of strings",
                                last_line, 1);
      }
    }
    if (cf.source.file_lines.size() < cf.source.line_starts.size()) {
      cf.source.file_lines.resize(cf.source.line_starts.size(), last_line);
    }
    if (cf.type != CellType::code) {
      continue;
    }
    if (!facts.python_kernel) {
      cf.skipped = "the kernel is not Python";
      ++file.skipped_cells;
      continue;
    }
    if (const json::Value* lid = find_path(doc, meta, {"vscode", "languageId"});
        lid != nullptr && lid->is_string() && !lid->string_equals("python")) {
      cf.skipped = "metadata.vscode.languageId is not python";
      ++file.skipped_cells;
      continue;
    }
    if (cf.source.text.size() > k_max_source_bytes) {
      return util::make_error("cell " + std::to_string(index) + " is too large to lint");
    }
    if (classify_cell_magic(cf.source.text) == CellMagic::other) {
      cf.skipped = "a non-Python cell magic";
      ++file.skipped_cells;
      continue;
    }
    SourceUnit unit = make_unit(cf.source.text, index, 0, true);
    unit.file_lines = cf.source.file_lines;
    unit.file_lines.resize(unit.line_starts.size(), last_line);
    unit.tags = cf.tags;
    cf.unit = static_cast<int>(file.units.size());
    file.units.push_back(std::move(unit));
  }
  return file;
}

util::Result<SourceFile> load_source(std::string_view path, std::string bytes, const LoadOptions& options) {
  if (is_notebook_path(path)) {
    return load_notebook_source(std::move(bytes), options);
  }
  return load_python_source(std::move(bytes));
}

}  // namespace nbloop::python
