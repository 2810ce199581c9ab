// On a narrow screen (a phone, or 400% zoom) a data table with many columns cannot fit without
// sideways scrolling, so the stylesheet shows each row as a block of "Heading: value" lines. The
// headings come from here: every cell of a data table's body is given its column's heading as a
// data-label attribute, which the stylesheet shows before the cell's text on narrow screens only.
#pragma once

#include <string>
#include <string_view>

namespace auditsim::reports::html {

// `html` with data-label="<column heading>" on each <td> in the <tbody> of every
// <table class="data ..."> that has a <thead>. Headings are the text of the <th> cells (markup
// stripped, already escaped by the template). Tables without a header row are left as they are.
std::string label_table_cells(std::string_view html);

}  // namespace auditsim::reports::html
