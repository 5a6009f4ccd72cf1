#include "convert/databricks.hpp"

#include "convert/script_lines.hpp"
#include "notebook/json_write.hpp"

namespace nbloop::convert {
namespace json = notebook::json;
namespace {

constexpr std::string_view k_separator = "# COMMAND ----------";
constexpr std::string_view k_magic = "# MAGIC";

std::string str_of(const json::Value* v) { return v != nullptr && v->is_string() ? v->str() : std::string(); }

Lines body_lines(std::string_view source) {
  Lines lines = split_lines(source);
  if (!source.empty() && (source.back() == '\n' || source.back() == '\r')) lines.emplace_back();
  return lines;
}

void append_magic(std::string& out, const Lines& lines) {
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += '\n';
    out += lines[i].empty() ? std::string(k_magic) : std::string(k_magic) + " " + lines[i];
  }
}

std::string strip(std::string_view s) {
  size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string_view::npos) return "";
  size_t b = s.find_last_not_of(" \t\r");
  return std::string(s.substr(a, b - a + 1));
}

}  // namespace

std::string write_databricks(notebook::Notebook& nb) {
  std::string out(k_databricks_header);
  out += '\n';
  bool first = true;
  for (json::Value* cell : nb.cells()) {
    if (!first) out += "\n\n" + std::string(k_separator) + "\n\n";
    first = false;
    std::string type = str_of(cell->find("cell_type"));
    std::string source = str_of(cell->find(nb.source_key(*cell)));
    std::string title;
    if (json::Value* md = cell->find("metadata"); md != nullptr && nb.expand(*md).kind == json::Kind::object) {
      title = str_of(md->find("title"));
      if (json::Value* db = md->find("application/vnd.databricks.v1+cell"); title.empty() && db != nullptr &&
                                                                              nb.expand(*db).kind == json::Kind::object) {
        title = str_of(db->find("title"));
      }
    }
    if (!title.empty()) out += "# DBTITLE 1," + title + "\n";
    if (type == "markdown" || type == "heading") {
      Lines lines = body_lines(source);
      lines.insert(lines.begin(), "%md");
      append_magic(out, lines);
    } else if (type == "raw") {
      Lines lines = body_lines(source);
      lines.insert(lines.begin(), "%raw");
      append_magic(out, lines);
    } else if (source.starts_with("%") && !source.starts_with("%%")) {
      append_magic(out, body_lines(source));
    } else {
      out += source;
    }
  }
  out += '\n';
  return out;
}

util::Result<TextNotebook> read_databricks(std::string_view text) {
  Lines lines = split_lines(text);
  if (lines.empty()) return util::make_error("empty file: expected '# Databricks notebook source' on line 1", 1, 1);
  std::string first = strip(lines[0]);
  if (first == "-- Databricks notebook source") {
    return util::make_error("a Databricks SQL source notebook: only Python source notebooks are supported", 1, 1);
  }
  if (first == "// Databricks notebook source") {
    return util::make_error("a Databricks Scala source notebook: only Python source notebooks are supported", 1, 1);
  }
  if (first != k_databricks_header) {
    return util::make_error("not a Databricks source notebook: line 1 is not '# Databricks notebook source'", 1, 1);
  }
  std::vector<Lines> chunks(1);
  for (size_t i = 1; i < lines.size(); ++i) {
    if (strip(lines[i]) == k_separator) {
      chunks.emplace_back();
    } else {
      chunks.back().push_back(lines[i]);
    }
  }
  TextNotebook nb;
  for (size_t c = 0; c < chunks.size(); ++c) {
    Lines& chunk = chunks[c];
    if (c > 0 && !chunk.empty() && is_blank(chunk.front())) chunk.erase(chunk.begin());
    if (c + 1 < chunks.size() && !chunk.empty() && is_blank(chunk.back())) chunk.pop_back();
    TextCell cell;
    cell.cell_type = "code";
    if (!chunk.empty() && chunk.front().starts_with("# DBTITLE ")) {
      std::string t = chunk.front().substr(10);
      size_t comma = t.find(',');
      std::string title = comma == std::string::npos ? t : t.substr(comma + 1);
      std::string j;
      json::dump_string(title, j, false);
      cell.metadata.emplace_back("title", j);
      chunk.erase(chunk.begin());
    }
    bool all_magic = !chunk.empty();
    for (const auto& l : chunk) all_magic = all_magic && l.starts_with(k_magic);
    if (all_magic) {
      for (auto& l : chunk) {
        l = l.size() > k_magic.size() && l[k_magic.size()] == ' ' ? l.substr(k_magic.size() + 1) : l.substr(k_magic.size());
      }
      std::string head = chunk.front();
      std::string word = head.substr(0, head.find(' '));
      if (word == "%md" || word == "%md-sandbox" || word == "%raw") {
        cell.cell_type = word == "%raw" ? "raw" : "markdown";
        std::string rest = head.size() > word.size() ? head.substr(word.size() + 1) : std::string();
        if (word == "%md-sandbox") {
          cell.metadata.emplace_back("databricks_magic", "\"%md-sandbox\"");
        }
        chunk.erase(chunk.begin());
        if (!rest.empty()) chunk.insert(chunk.begin(), rest);
      }
    }
    for (size_t i = 0; i < chunk.size(); ++i) cell.source += (i ? "\n" : "") + chunk[i];
    nb.cells.push_back(std::move(cell));
  }
  nb.metadata_json =
      "{\"kernelspec\": {\"display_name\": \"Python 3\", \"language\": \"python\", \"name\": \"python3\"}, "
      "\"language_info\": {\"name\": \"python\"}}";
  return nb;
}

}  // namespace nbloop::convert
