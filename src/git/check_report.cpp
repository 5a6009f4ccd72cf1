#include "git/check_report.hpp"

#include <map>

#include <nlohmann/json.hpp>

namespace nbloop::git {

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  if (name == "text") return ReportFormat::text;
  if (name == "json") return ReportFormat::json;
  if (name == "github") return ReportFormat::github;
  if (name == "sarif") return ReportFormat::sarif;
  return std::nullopt;
}

std::string github_escape(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      case ':': out += property ? "%3A" : ":"; break;
      case ',': out += property ? "%2C" : ","; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

using Json = nlohmann::ordered_json;

std::string dump(const Json& j) { return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n"; }

std::string render_text(const std::vector<CheckFinding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    out += f.path;
    if (!f.display_location.empty()) {
      out += ":" + f.display_location;
    } else if (f.line > 0) {
      out += ":" + std::to_string(f.line) + ":" + std::to_string(f.column > 0 ? f.column : 1);
    }
    out += ": " + f.severity + ": " + f.message + " [" + f.code + "]\n";
  }
  return out;
}

std::string render_json(const std::vector<CheckFinding>& findings) {
  Json all = Json::array();
  for (const auto& f : findings) {
    Json j;
    j["path"] = f.path;
    j["line"] = f.line;
    j["column"] = f.column;
    j["end_line"] = f.end_line;
    j["end_column"] = f.end_column;
    j["code"] = f.code;
    j["name"] = f.name;
    j["severity"] = f.severity;
    j["message"] = f.message;
    if (!f.display_location.empty()) {
      j["location"] = f.display_location;
    }
    all.push_back(std::move(j));
  }
  return dump(all);
}

std::string render_github(const std::vector<CheckFinding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    out += "::" + std::string(f.severity == "warning" ? "warning" : "error");
    // @actions/core's order: title, file, line, endLine, col, endColumn; col only on one line.
    out += " title=" + github_escape("nbloop (" + f.code + ")", true);
    out += ",file=" + github_escape(f.path, true);
    if (f.line > 0) {
      out += ",line=" + std::to_string(f.line);
      int end = f.end_line > 0 ? f.end_line : f.line;
      if (end != f.line) {
        out += ",endLine=" + std::to_string(end);
      } else if (f.column > 0) {
        out += ",col=" + std::to_string(f.column);
        if (f.end_column > 0) {
          out += ",endColumn=" + std::to_string(f.end_column);
        }
      }
    }
    out += "::" + github_escape(f.message, false) + "\n";
  }
  return out;
}

std::string render_sarif(const std::vector<CheckFinding>& findings, const std::string& tool_version) {
  Json rules = Json::array();
  std::map<std::string, size_t> rule_index;
  for (const auto& f : findings) {
    if (rule_index.count(f.code) != 0) {
      continue;
    }
    rule_index[f.code] = rules.size();
    std::string summary = f.summary.empty() ? f.name : f.summary;
    Json rule;
    rule["id"] = f.code;
    rule["name"] = f.name.empty() ? f.code : f.name;
    rule["shortDescription"]["text"] = summary;
    rule["fullDescription"]["text"] = summary;
    rule["help"]["text"] = summary;
    rule["defaultConfiguration"]["level"] = f.severity == "warning" ? "warning" : "error";
    rules.push_back(std::move(rule));
  }
  Json results = Json::array();
  for (const auto& f : findings) {
    Json r;
    r["ruleId"] = f.code;
    r["ruleIndex"] = rule_index[f.code];
    r["level"] = f.severity == "warning" ? "warning" : "error";
    r["message"]["text"] = f.message;
    Json physical;
    physical["artifactLocation"]["uri"] = f.path;
    Json region;
    region["startLine"] = f.line > 0 ? f.line : 1;
    if (f.column > 0) region["startColumn"] = f.column;
    if (f.end_line > 0) region["endLine"] = f.end_line;
    if (f.end_column > 0) region["endColumn"] = f.end_column;
    physical["region"] = std::move(region);
    Json location;
    location["physicalLocation"] = std::move(physical);
    r["locations"] = Json::array({std::move(location)});
    results.push_back(std::move(r));
  }
  Json driver;
  driver["name"] = "nbloop";
  driver["version"] = tool_version;
  driver["rules"] = std::move(rules);
  Json run;
  run["tool"]["driver"] = std::move(driver);
  run["results"] = std::move(results);
  Json log;
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = Json::array({std::move(run)});
  return dump(log);
}

}  // namespace

std::string render_findings(const std::vector<CheckFinding>& findings, ReportFormat format,
                            const std::string& tool_version) {
  switch (format) {
    case ReportFormat::text:
      return render_text(findings);
    case ReportFormat::json:
      return render_json(findings);
    case ReportFormat::github:
      return render_github(findings);
    case ReportFormat::sarif:
      return render_sarif(findings, tool_version);
  }
  return {};
}

}  // namespace nbloop::git
