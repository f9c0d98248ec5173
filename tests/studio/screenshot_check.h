// Screenshots of the studio for the docs, checked to show something.
#pragma once

#include <QImage>
#include <QString>

namespace cepheus::studio {

// Saves `image` as CEPHEUS_SCREENSHOTS/name and checks that it shows something:
// the window's width, many colours, and the theme's brightness.
void check_and_save(const QImage& image, const QString& name, bool dark);

}  // namespace cepheus::studio
