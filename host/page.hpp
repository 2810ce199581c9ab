// The join page's files (host/page/*), embedded in the program at build time.
#pragma once

#include <string_view>

namespace auditsim::reports {

// The page file of that name ("index.html", "app.js", "style.css"); empty when there is none.
std::string_view host_page_file(std::string_view name);

}  // namespace auditsim::reports
