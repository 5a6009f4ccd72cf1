// The parts of a notebook's Markdown that nb2py keeps: headings (the title becomes the
// module docstring, the others comments) and the first paragraph.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nbloop::convert::package {

struct Heading {
  int level = 1;
  std::string text;  ///< without the #s, trimmed
};

/// The ATX headings (`# Title`, `## Part`) of a Markdown cell, outside code fences, in order.
std::vector<Heading> markdown_headings(std::string_view markdown);

/// The first paragraph of a Markdown cell: the first run of non-blank lines that is not a
/// heading, a fence, an HTML tag, an image or a rule, trailing spaces removed; empty when none.
std::string first_paragraph(std::string_view markdown);

}  // namespace nbloop::convert::package
