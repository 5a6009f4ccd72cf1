#include "lint/report.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "lint/rule_set.hpp"

namespace nbloop::lint {
namespace {

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

// GitHub workflow-command escaping (actions/toolkit command.ts).
std::string gh_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else {
      out += c;
    }
  }
  return out;
}

std::string gh_property(std::string_view s) {
  std::string out;
  for (char c : gh_data(s)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

std::string n(int v) { return std::to_string(v); }

std::string render_text(const std::vector<FileFindings>& files, const RenderOptions& o) {
  std::string out;
  const char* bold = o.color ? "\x1b[1m" : "";
  const char* red = o.color ? "\x1b[1;31m" : "";
  const char* cyan = o.color ? "\x1b[36m" : "";
  const char* reset = o.color ? "\x1b[0m" : "";
  size_t total = 0;
  for (const auto& file : files) {
    for (const Finding& f : file.findings) {
      ++total;
      out += bold + location(file.path, f) + reset + ": " + red + f.code + reset + " " + cyan + "[" + f.name + "]" +
             reset + " " + f.message + "\n";
      if (o.show_source && !f.source_line.empty()) {
        out += "    " + f.source_line + "\n    ";
        // The caret sits under the column (code points; tabs kept so it lines up).
        int col = 1;
        for (size_t i = 0; i < f.source_line.size() && col < f.column; ++i) {
          unsigned char c = static_cast<unsigned char>(f.source_line[i]);
          if ((c & 0xC0) == 0x80) {
            continue;
          }
          out += c == '\t' ? '\t' : ' ';
          ++col;
        }
        int width = f.end_line == f.line ? std::max(1, f.end_column - f.column) : 1;
        out += red + std::string(static_cast<size_t>(width), '^') + reset + "\n";
      }
    }
  }
  if (total > 0) {
    out += "Found " + std::to_string(total) + (total == 1 ? " error.\n" : " errors.\n");
  }
  return out;
}

std::string render_json(const std::vector<FileFindings>& files) {
  std::string out = "[";
  bool first = true;
  for (const auto& file : files) {
    for (const Finding& f : file.findings) {
      out += first ? "\n  {" : ",\n  {";
      first = false;
      out += "\"code\": " + json_quote(f.code) + ", \"name\": " + json_quote(f.name) + ", \"message\": " +
             json_quote(f.message) + ", \"path\": " + json_quote(file.path) +
             ", \"cell\": " + (file.notebook ? n(f.cell) : "null") + ", \"line\": " + n(f.line) +
             ", \"column\": " + n(f.column) + ", \"end_line\": " + n(f.end_line) + ", \"end_column\": " +
             n(f.end_column) + ", \"file_line\": " + n(f.file_line) + ", \"severity\": " +
             json_quote(severity_text(f.severity)) + "}";
    }
  }
  out += first ? "]\n" : "\n]\n";
  return out;
}

std::string render_github(const std::vector<FileFindings>& files) {
  std::string out;
  for (const auto& file : files) {
    for (const Finding& f : file.findings) {
      const char* level = f.severity == Severity::error ? "error" : f.severity == Severity::warning ? "warning" : "notice";
      out += "::" + std::string(level) + " title=" + gh_property("nbloop (" + f.code + ")") +
             ",file=" + gh_property(file.path) + ",line=" + n(f.file_line);
      if (file.notebook) {
        // The JSON line holds the source inside quotes and escapes: cell columns are not
        // file columns, so none are given.
        out += ",endLine=" + n(f.end_file_line);
      } else {
        out += ",endLine=" + n(f.end_line);
        if (f.line == f.end_line) {
          out += ",col=" + n(f.column) + ",endColumn=" + n(f.end_column);
        }
      }
      // Cell 0 is the notebook as a whole: its line is the file line already given.
      std::string where = file.notebook && f.cell > 0 ? "cell " + n(f.cell) + ":" + n(f.line) + ":" + n(f.column) + ": " : "";
      out += "::" + gh_data(where + f.code + " [" + f.name + "] " + f.message) + "\n";
    }
  }
  return out;
}

std::string render_sarif(const std::vector<FileFindings>& files, const RuleSet& rules, const RenderOptions& o) {
  std::string out = "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n";
  out += "  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n          \"name\": \"nbloop\",\n";
  out += "          \"informationUri\": \"https://github.com/nbloop/nbloop\",\n";
  out += "          \"version\": " + json_quote(o.tool_version.empty() ? "0" : o.tool_version) + ",\n";
  out += "          \"rules\": [";
  std::vector<std::string> ids;
  bool first = true;
  for (const Rule& r : rules.rules()) {
    const RuleSpec& s = r.spec;
    std::string level = s.severity == Severity::error ? "error" : s.severity == Severity::warning ? "warning" : "note";
    std::string summary = s.message.substr(0, 1024);
    out += first ? "\n" : ",\n";
    first = false;
    out += "            {\"id\": " + json_quote(s.code) + ", \"name\": " + json_quote(s.name) +
           ", \"shortDescription\": {\"text\": " + json_quote(summary) + "}, \"fullDescription\": {\"text\": " +
           json_quote(s.docs.substr(0, 1024)) + "}, \"help\": {\"text\": " + json_quote(s.docs) +
           ", \"markdown\": " + json_quote(s.docs) + "}, \"defaultConfiguration\": {\"level\": " + json_quote(level) + "}}";
  }
  out += "\n          ]\n        }\n      },\n      \"results\": [";
  first = true;
  for (const auto& file : files) {
    for (const Finding& f : file.findings) {
      std::string level = f.severity == Severity::error ? "error" : f.severity == Severity::warning ? "warning" : "note";
      int index = rules.index_of(f.code);
      out += first ? "\n" : ",\n";
      first = false;
      std::string region = "\"startLine\": " + n(f.file_line);
      if (file.notebook) {
        region += ", \"endLine\": " + n(f.end_file_line);
      } else {
        region += ", \"startColumn\": " + n(f.column) + ", \"endLine\": " + n(f.end_line) + ", \"endColumn\": " +
                  n(f.end_column);
      }
      std::string text = f.message;
      if (file.notebook && f.cell > 0) {
        text = "cell " + n(f.cell) + ":" + n(f.line) + ":" + n(f.column) + ": " + text;
      }
      out += "        {\"ruleId\": " + json_quote(f.code) + ", \"ruleIndex\": " + n(index) + ", \"level\": " +
             json_quote(level) + ", \"message\": {\"text\": " + json_quote(text) +
             "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": " + json_quote(file.path) +
             "}, \"region\": {" + region + "}}}]}";
    }
  }
  out += first ? "]\n    }\n  ]\n}\n" : "\n      ]\n    }\n  ]\n}\n";
  return out;
}

std::string render_junit(const std::vector<FileFindings>& files) {
  size_t total = 0;
  for (const auto& file : files) {
    total += file.findings.empty() ? 1 : file.findings.size();
  }
  size_t failures = 0;
  for (const auto& file : files) {
    failures += file.findings.size();
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"nbloop\" tests=\"" + std::to_string(total) + "\" failures=\"" + std::to_string(failures) + "\">\n";
  for (const auto& file : files) {
    out += "  <testsuite name=\"" + xml_escape(file.path) + "\" tests=\"" +
           std::to_string(file.findings.empty() ? 1 : file.findings.size()) + "\" failures=\"" +
           std::to_string(file.findings.size()) + "\">\n";
    if (file.findings.empty()) {
      out += "    <testcase name=\"lint\" classname=\"" + xml_escape(file.path) + "\"/>\n";
    }
    for (const Finding& f : file.findings) {
      std::string loc = location(file.path, f);
      out += "    <testcase name=\"" + xml_escape(f.code + " " + f.name) + "\" classname=\"" + xml_escape(file.path) +
             "\" file=\"" + xml_escape(file.path) + "\" line=\"" + n(f.file_line) + "\">\n";
      out += "      <failure message=\"" + xml_escape(f.message) + "\">" + xml_escape(loc + ": " + f.code + " " + f.message) +
             "</failure>\n    </testcase>\n";
    }
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace

bool parse_output_format(std::string_view name, OutputFormat& out) {
  if (name == "text" || name == "concise" || name == "full") {
    out = OutputFormat::text;
  } else if (name == "json") {
    out = OutputFormat::json;
  } else if (name == "github") {
    out = OutputFormat::github;
  } else if (name == "sarif") {
    out = OutputFormat::sarif;
  } else if (name == "junit") {
    out = OutputFormat::junit;
  } else {
    return false;
  }
  return true;
}

std::string location(const std::string& path, const Finding& f) {
  if (f.cell > 0) {
    return path + ":cell " + n(f.cell) + ":" + n(f.line) + ":" + n(f.column);
  }
  return path + ":" + n(f.line) + ":" + n(f.column);
}

std::string json_quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::string render(OutputFormat format, const std::vector<FileFindings>& files, const RuleSet& rules,
                   const RenderOptions& options) {
  switch (format) {
    case OutputFormat::text:
      return render_text(files, options);
    case OutputFormat::json:
      return render_json(files);
    case OutputFormat::github:
      return render_github(files);
    case OutputFormat::sarif:
      return render_sarif(files, rules, options);
    case OutputFormat::junit:
      return render_junit(files);
  }
  return {};
}

std::string render_statistics(OutputFormat format, const std::vector<FileFindings>& files) {
  struct Row {
    std::string code;
    std::string name;
    size_t count = 0;
  };
  std::map<std::string, Row> by_code;
  for (const FileFindings& file : files) {
    for (const Finding& f : file.findings) {
      Row& row = by_code[f.code];
      row.code = f.code;
      row.name = f.name;
      ++row.count;
    }
  }
  std::vector<Row> rows;
  rows.reserve(by_code.size());
  for (auto& [code, row] : by_code) {
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.count > b.count; });
  std::string out;
  if (format == OutputFormat::json) {
    out = "[";
    for (size_t i = 0; i < rows.size(); ++i) {
      out += std::string(i == 0 ? "\n" : ",\n") + "  {\"code\": " + json_quote(rows[i].code) + ", \"name\": " +
             json_quote(rows[i].name) + ", \"count\": " + std::to_string(rows[i].count) + ", \"fixable\": false}";
    }
    out += rows.empty() ? "]\n" : "\n]\n";
    return out;
  }
  size_t count_width = 0;
  size_t code_width = 0;
  for (const Row& r : rows) {
    count_width = std::max(count_width, std::to_string(r.count).size());
    code_width = std::max(code_width, r.code.size());
  }
  for (const Row& r : rows) {
    std::string count = std::to_string(r.count);
    out += std::string(count_width - count.size(), ' ') + count + "\t" + r.code +
           std::string(code_width - r.code.size(), ' ') + "\t" + r.name + "\n";
  }
  return out;
}

}  // namespace nbloop::lint
