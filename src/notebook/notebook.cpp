#include "notebook/notebook.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <unordered_set>
#include <span>

#include "notebook/json_write.hpp"
#include "notebook/lazy_cells.hpp"
#include "notebook/text_lines.hpp"
#include "notebook/verbatim.hpp"
#include "util/string_index.hpp"

namespace nbloop::notebook {
namespace {

using json::Kind;
using json::Value;

bool is_json_mime(std::string_view mime) {
  return mime == "application/json" ||
         (mime.starts_with("application/") && mime.ends_with("+json"));
}

bool all_strings(const Value& list) {
  for (const Value& v : list.items) {
    if (!v.is_string()) {
      return false;
    }
  }
  return true;
}

std::string decoded_key(const json::Member& m) { return m.key.str(); }

// Joins a list of strings into one owned string value ("".join, or v3's _join_lines).
Value join_strings(Notebook& nb, const Value& list, bool v3_rules) {
  std::string joined;
  bool newline_join = false;
  if (v3_rules && !list.items.empty()) {
    std::string first = list.items.front().str();
    newline_join = !(first.ends_with('\n') || first.ends_with('\r'));
  }
  bool first = true;
  for (const Value& v : list.items) {
    if (!first && newline_join) {
      joined += '\n';
    }
    first = false;
    if ((v.flags & Value::k_escaped) != 0) {
      json::decode_string(v.text, joined);
    } else {
      joined += v.text;
    }
  }
  return Value::make_string_unscanned(nb.doc.own(std::move(joined)));
}

// Splits a string value into a list of line strings (str.splitlines(True)).
Value split_string(Notebook& nb, const Value& s) {
  std::string_view text = s.text;
  if ((s.flags & Value::k_escaped) != 0) {
    text = nb.doc.own(s.str());
  }
  Value list = Value::make_array();
  std::vector<std::string_view> lines = split_lines_keepends(text);
  list.items.reserve(lines.size());
  for (std::string_view line : lines) {
    list.items.push_back(Value::make_string_unscanned(line));
  }
  return list;
}

void rejoin_mimebundle(Notebook& nb, Value& bundle) {
  nb.expand(bundle);
  if (bundle.kind != Kind::object) {
    return;
  }
  for (auto& m : bundle.members) {
    nb.expand(m.value);
    if (m.value.kind == Kind::array && !is_json_mime(decoded_key(m)) && all_strings(m.value)) {
      m.value = join_strings(nb, m.value, false);
    }
  }
}

void split_mimebundle(Notebook& nb, Value& bundle) {
  nb.expand(bundle);
  if (bundle.kind != Kind::object) {
    return;
  }
  for (auto& m : bundle.members) {
    if (!m.value.is_string()) {
      continue;
    }
    std::string key = decoded_key(m);
    if (key.starts_with("text/") || key == "application/javascript" || key == "image/svg+xml") {
      m.value = split_string(nb, m.value);
    }
  }
}

constexpr const char* k_v3_multiline_outputs[] = {"text", "html", "svg", "latex", "javascript", "json"};

util::Error shape_error(const std::string& what) { return util::make_error("not a notebook: " + what); }

// Cell ids: nbformat 4.5 requires one per cell, unique. nbformat's reader fills gaps with
// random ids; we derive them from the cell so that reading twice gives the same bytes.
std::string_view id_text(Notebook& nb, const Value& id) {
  return (id.flags & Value::k_escaped) != 0 ? nb.doc.own(id.str()) : id.text;
}

// A cell's member (the last of duplicates), whether the cell is raw or materialized.
std::optional<Value> member_of(const Value& cell, std::string_view key) {
  if (cell.kind == Kind::raw) {
    return json::raw_find(cell, key);
  }
  if (const Value* v = cell.find(key)) {
    return *v;
  }
  return std::nullopt;
}

void normalize_ids(Notebook& nb) {
  std::vector<std::string_view> ids;  // the string ids, to check uniqueness by sorting
  bool complete = true;
  size_t index = 0;
  for (Value* list : nb.cell_lists()) {
    ids.reserve(ids.size() + list->items.size());
    for (const Value& cell : list->items) {
      if (const RawCellFields* fields = nb.raw_fields(cell, index++)) {
        if (fields->id_is_string) {
          ids.push_back(fields->id);
        } else if (!fields->has_id) {
          complete = false;
        }
        continue;
      }
      std::optional<Value> id = member_of(cell, "id");
      if (id && id->is_string()) {
        ids.push_back(id_text(nb, *id));
      } else if (!id) {
        complete = false;
      }
    }
  }
  if (complete) {
    complete = util::all_distinct(ids);
  }
  if (complete) {
    return;  // every cell has a unique id: the common case, nothing to do
  }
  std::unordered_set<std::string_view> seen(ids.begin(), ids.end());
  std::vector<Value*> cells = nb.cells();
  std::unordered_set<std::string_view> taken;
  for (size_t i = 0; i < cells.size(); ++i) {
    Value* cell = cells[i];
    Value* id = cell->find("id");
    bool needs_new = id == nullptr;
    if (id != nullptr && id->is_string()) {
      needs_new = !taken.insert(id_text(nb, *id)).second;
    } else if (id != nullptr) {
      continue;  // a non-string id is kept; nbformat's validator only reports it
    }
    if (!needs_new) {
      continue;
    }
    std::string seed = std::to_string(i);
    if (const Value* src = cell->find("source"); src != nullptr && src->is_string()) {
      seed += src->str();
    }
    std::string_view fresh;
    for (unsigned attempt = 0;; ++attempt) {
      std::string candidate = make_cell_id(seed, attempt);
      if (!seen.contains(candidate) && !taken.contains(candidate)) {
        fresh = nb.doc.own(std::move(candidate));
        break;
      }
    }
    taken.insert(fresh);
    seen.insert(fresh);
    cell->set("id", Value::make_string(fresh));
  }
}

util::Result<int> read_int(const Value* v, int fallback, const char* name) {
  if (v == nullptr) {
    return fallback;
  }
  if (v->kind != Kind::integer || v->text.size() > 6) {
    return util::make_error(std::string("not a notebook: '") + name + "' is not a small integer");
  }
  return std::stoi(std::string(v->text));
}

}  // namespace

std::string make_cell_id(std::string_view seed, unsigned attempt) {
  uint64_t h = 1469598103934665603ull ^ attempt;
  for (char c : seed) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  h ^= h >> 29;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(h & 0xffffffffu));
  return buf;
}

json::Value& Notebook::metadata() {
  Value* m = root().find("metadata");
  return expand(*m);
}

std::vector<json::Value*> Notebook::cell_lists() {
  std::vector<Value*> lists;
  if (major >= 4) {
    lists.push_back(&expand(*root().find("cells")));
  } else {
    for (Value& ws : expand(*root().find("worksheets")).items) {
      expand(ws);
      if (Value* cells = ws.find("cells")) {
        lists.push_back(&expand(*cells));
      }
    }
  }
  return lists;
}

std::vector<json::Value*> Notebook::cells() {
  std::vector<Value*> out;
  for (Value* list : cell_lists()) {
    for (Value& cell : list->items) {
      out.push_back(&expand_cell(cell));
    }
  }
  return out;
}

const char* Notebook::source_key(const json::Value& cell) const {
  if (major < 4) {
    const Value* type = cell.find("cell_type");
    if (type != nullptr && type->string_equals("code")) {
      return "input";
    }
  }
  return "source";
}

void Notebook::rejoin_output(json::Value& output) {
  expand(output);
  if (output.kind != Kind::object) {
    return;
  }
  if (major >= 4) {
    const Value* type = output.find("output_type");
    bool bundle = type != nullptr && (type->string_equals("execute_result") || type->string_equals("display_data"));
    if (bundle) {
      if (Value* data = output.find("data")) {
        rejoin_mimebundle(*this, *data);
      }
    } else if (type != nullptr && type->truthy()) {
      if (Value* text = output.find("text")) {
        expand(*text);
        if (text->kind == Kind::array && all_strings(*text)) {
          *text = join_strings(*this, *text, false);
        }
      }
    }
    return;
  }
  for (const char* key : k_v3_multiline_outputs) {
    if (Value* item = output.find(key)) {
      expand(*item);
      if (item->kind == Kind::array && all_strings(*item)) {
        *item = join_strings(*this, *item, true);
      }
    }
  }
}

namespace {

util::Result<Notebook> load(util::Result<json::Document> doc, detail::CellMemberSink* lazy);
util::Result<bool> normalize_cell(Notebook& nb, Value& cell, size_t index);

}  // namespace

// Containers below a cell's direct fields (outputs' contents, deep metadata) stay raw
// until something asks for them.
constexpr int k_eager_depth = 4;

// Lazy reading builds the top levels only: cells (level 2) stay raw.
constexpr int k_lazy_eager_depth = 2;
// A cell expanded later gets the levels an eager read gives it.
constexpr int k_cell_levels = k_eager_depth - 2;

json::ParseOptions parse_options(const ReadOptions& options, detail::CellMemberSink& sink) {
  json::ParseOptions parse;
  parse.eager_depth = options.lazy_cells ? k_lazy_eager_depth : k_eager_depth;
  parse.raw_members = options.lazy_cells ? &sink : nullptr;
  return parse;
}

util::Result<Notebook> read_notebook(std::string bytes) { return read_notebook(std::move(bytes), ReadOptions{}); }

util::Result<Notebook> read_notebook(std::string bytes, const ReadOptions& options) {
  detail::CellMemberSink sink;
  auto doc = json::Document::parse(std::move(bytes), parse_options(options, sink));
  return load(std::move(doc), options.lazy_cells ? &sink : nullptr);
}

util::Result<Notebook> read_notebook_borrowed(std::string_view bytes) {
  return read_notebook_borrowed(bytes, ReadOptions{});
}

util::Result<Notebook> read_notebook_borrowed(std::string_view bytes, const ReadOptions& options) {
  detail::CellMemberSink sink;
  auto doc = json::Document::parse_borrowed(bytes, parse_options(options, sink));
  return load(std::move(doc), options.lazy_cells ? &sink : nullptr);
}

const RawCellFields* Notebook::raw_fields(const json::Value& cell, size_t index) const {
  if (index < raw_cell_fields.size() && cell.kind == Kind::raw) {
    const RawCellFields& fields = raw_cell_fields[index];
    if (!fields.span.empty() && fields.span.data() == cell.text.data()) {
      return &fields;
    }
  }
  return nullptr;
}

json::Value& Notebook::expand_cell(json::Value& cell) {
  if (cell.kind == Kind::raw) {
    cell = json::parse_validated(cell.text, major >= 4 ? k_cell_levels : 1);
    // Raw cells were checked when read: this cannot fail.
    [[maybe_unused]] auto normalized = normalize_cell(*this, cell, 0);
  }
  return cell;
}

namespace {

// The reader's per-cell checks and normalization: the cell is materialized, its
// multi-line text joined, transient metadata dropped. `index` (1-based) names the cell
// in errors.
util::Result<bool> normalize_cell(Notebook& nb, Value& cell, size_t index) {
  auto where = [index] { return "cell " + std::to_string(index) + ": "; };
  nb.expand(cell);
  if (cell.kind != Kind::object) {
    return shape_error(where() + "not an object");
  }
  Value* cell_meta = cell.find("metadata");
  if (nb.major >= 4 && (cell_meta == nullptr || !nb.expand(*cell_meta).is_object())) {
    return shape_error(where() + "no 'metadata' object");
  }
  if (cell_meta != nullptr && nb.expand(*cell_meta).kind == Kind::object) {
    cell_meta->erase("trusted");
  }
  if (nb.major == 3) {
    cell.erase("trusted");
    if (cell.find("cell_type") == nullptr) {
      return shape_error(where() + "no 'cell_type'");
    }
  }
  // Rejoin multi-line text: source (v4, v3 text cells), input (v3 code), rendered (v3).
  const char* keys_v4[] = {"source"};
  const char* keys_v3_code[] = {"input"};
  const char* keys_v3_text[] = {"source", "rendered"};
  std::span<const char* const> keys = keys_v4;
  if (nb.major == 3) {
    keys = std::string_view(nb.source_key(cell)) == "input" ? std::span<const char* const>(keys_v3_code)
                                                             : std::span<const char* const>(keys_v3_text);
  }
  for (const char* key : keys) {
    Value* text = cell.find(key);
    if (text == nullptr) {
      continue;
    }
    nb.expand(*text);
    if (text->kind == Kind::array) {
      if (!all_strings(*text)) {
        return shape_error(where() + "'" + key + "' holds a non-string line");
      }
      *text = join_strings(nb, *text, nb.major == 3);
    }
  }
  if (nb.major >= 4) {
    if (Value* attachments = cell.find("attachments")) {
      if (nb.expand(*attachments).kind == Kind::object) {
        for (auto& m : attachments->members) {
          rejoin_mimebundle(nb, m.value);
        }
      }
    }
  }
  return true;
}

util::Result<Notebook> load(util::Result<json::Document> doc, detail::CellMemberSink* lazy) {
  Notebook nb;
  if (!doc) {
    return doc.error();
  }
  nb.doc = std::move(*doc);
  nb.crlf = nb.doc.saw_carriage_return();
  Value& root = nb.root();
  if (root.kind != Kind::object) {
    return shape_error("the top level is not a JSON object");
  }
  auto major = read_int(root.find("nbformat"), 1, "nbformat");
  if (!major) {
    return major.error();
  }
  auto minor = read_int(root.find("nbformat_minor"), 0, "nbformat_minor");
  if (!minor) {
    return minor.error();
  }
  nb.major = *major;
  nb.minor = *minor;
  if (nb.major != 3 && nb.major != 4) {
    if (root.find("nbformat") == nullptr) {
      return shape_error("no 'nbformat' field");
    }
    return util::make_error("unsupported nbformat " + std::to_string(nb.major) +
                            " (nbloop reads nbformat 3 and 4)");
  }
  Value* metadata = root.find("metadata");
  if (metadata == nullptr || !nb.expand(*metadata).is_object()) {
    return shape_error("no 'metadata' object");
  }
  const char* list_key = nb.major >= 4 ? "cells" : "worksheets";
  Value* list = root.find(list_key);
  if (list == nullptr || !nb.expand(*list).is_array()) {
    return shape_error(std::string("no '") + list_key + "' list");
  }
  if (nb.major == 3) {
    for (Value& ws : list->items) {
      if (!nb.expand(ws).is_object()) {
        return shape_error("a worksheet is not an object");
      }
      Value* cells = ws.find("cells");
      if (cells == nullptr || !nb.expand(*cells).is_array()) {
        return shape_error("a worksheet has no 'cells' list");
      }
    }
  }
  size_t index = 0;
  size_t entry = 0;  // the next of the parser's raw objects (in input order, as the cells)
  std::vector<std::string_view> lines;
  if (lazy != nullptr && nb.major == 4) {
    nb.raw_cell_fields.reserve(nb.root().find("cells")->items.size());
  }
  for (Value* list_ptr : nb.cell_lists()) {
    for (Value& cell : list_ptr->items) {
      ++index;
      if (lazy != nullptr && nb.major == 4 && cell.kind == Kind::raw && (cell.flags & Value::k_raw_object) != 0) {
        const auto& entries = lazy->entries;
        while (entry < entries.size() && entries[entry].object < cell.text.data()) {
          ++entry;
        }
        static const detail::CellMemberSink::Entry k_empty;  // an empty object: no members reported
        const bool found = entry < entries.size() && entries[entry].object == cell.text.data();
        if (auto checked = detail::index_raw_cell(nb, cell, found ? entries[entry] : k_empty, index, lines); !checked) {
          return checked.error();
        }
        continue;
      }
      if (lazy != nullptr) {
        nb.raw_cell_fields.emplace_back();  // keeps positions aligned; never matches
      }
      if (auto normalized = normalize_cell(nb, cell, index); !normalized) {
        return normalized.error();
      }
    }
  }
  // strip_transient
  if (nb.major >= 4) {
    Value& meta = nb.metadata();
    meta.erase("orig_nbformat");
    meta.erase("orig_nbformat_minor");
    meta.erase("signature");
    if (nb.major > 4 || nb.minor >= 5) {
      normalize_ids(nb);
    }
  } else {
    root.erase("orig_nbformat");
    root.erase("orig_nbformat_minor");
  }
  return nb;
}

}  // namespace

std::string write_notebook(Notebook& nb, bool unix_newlines) {
  std::vector<Value*> verbatim;  // raw cells copied as they are
  std::vector<Value*> cells;
  for (Value* list : nb.cell_lists()) {
    for (Value& cell : list->items) {
      if (cell.kind == Kind::raw && nb.major == 4 && (cell.flags & Value::k_raw_object) != 0 &&
          cell_is_verbatim(cell.text)) {
        cell.flags |= Value::k_raw_verbatim;
        verbatim.push_back(&cell);
      } else {
        cells.push_back(&nb.expand_cell(cell));
      }
    }
  }
  for (Value* cell : cells) {
    if (nb.major >= 4) {
      if (Value* source = cell->find("source"); source != nullptr && source->is_string()) {
        *source = split_string(nb, *source);
      }
      if (Value* attachments = cell->find("attachments")) {
        if (nb.expand(*attachments).kind == Kind::object) {
          for (auto& m : attachments->members) {
            split_mimebundle(nb, m.value);
          }
        }
      }
    } else {
      const char* keys_code[] = {"input"};
      const char* keys_text[] = {"source", "rendered"};
      bool code = std::string_view(nb.source_key(*cell)) == "input";
      for (const char* key : code ? std::span<const char* const>(keys_code) : std::span<const char* const>(keys_text)) {
        if (Value* text = cell->find(key); text != nullptr && text->is_string()) {
          *text = split_string(nb, *text);
        }
      }
    }
    Value* type = cell->find("cell_type");
    Value* outputs = cell->find("outputs");
    if (type == nullptr || !type->string_equals("code") || outputs == nullptr) {
      continue;
    }
    nb.expand(*outputs);
    if (outputs->kind != Kind::array) {
      continue;
    }
    for (Value& output : outputs->items) {
      nb.rejoin_output(output);
      if (output.kind != Kind::object) {
        continue;
      }
      if (nb.major >= 4) {
        const Value* otype = output.find("output_type");
        if (otype != nullptr && (otype->string_equals("execute_result") || otype->string_equals("display_data"))) {
          if (Value* data = output.find("data")) {
            split_mimebundle(nb, *data);
          }
        } else if (otype != nullptr && otype->string_equals("stream")) {
          if (Value* text = output.find("text"); text != nullptr && text->is_string()) {
            *text = split_string(nb, *text);
          }
        }
      } else {
        for (const char* key : k_v3_multiline_outputs) {
          if (Value* item = output.find(key); item != nullptr && item->is_string()) {
            *item = split_string(nb, *item);
          }
        }
      }
    }
  }
  std::string out;
  // Room for about the input's size: pages never written are never resident.
  out.reserve(nb.doc.input().size() + nb.doc.input().size() / 16 + 1024);
  json::DumpOptions options;
  options.ensure_ascii = nb.major < 4;
  json::dump(nb.root(), out, options);
  out += '\n';
  for (Value* cell : verbatim) {
    cell->flags &= static_cast<uint8_t>(~Value::k_raw_verbatim);
  }
  if (nb.crlf && !unix_newlines) {
    std::string crlf;
    crlf.reserve(out.size() + out.size() / 16);
    for (char c : out) {
      if (c == '\n') {
        crlf += '\r';
      }
      crlf += c;
    }
    return crlf;
  }
  return out;
}

}  // namespace nbloop::notebook
