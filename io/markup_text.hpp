#pragma once
// Text placed inside HTML or XML (report.html, the sweep's report.html,
// result.xmf): the characters markup reads, escaped; &#39; for the
// apostrophe, which HTML 4, HTML 5 and XML all read.

#include <string>
#include <string_view>

namespace rt {

inline std::string markup_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
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
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace rt
