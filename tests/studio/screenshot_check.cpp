#include "screenshot_check.h"

#include <gtest/gtest.h>

#include <QDir>
#include <set>

namespace cepheus::studio {

void check_and_save(const QImage& image, const QString& name, bool dark) {
  ASSERT_FALSE(image.isNull());
  EXPECT_EQ(image.width(), 1600);
  QDir().mkpath(CEPHEUS_SCREENSHOTS);
  ASSERT_TRUE(image.save(QString(CEPHEUS_SCREENSHOTS) + "/" + name));
  std::set<QRgb> colours;
  double brightness = 0;
  int samples = 0;
  for (int y = 0; y < image.height(); y += 7)
    for (int x = 0; x < image.width(); x += 7) {
      const QRgb pixel = image.pixel(x, y);
      colours.insert(pixel);
      brightness += qGray(pixel);
      ++samples;
    }
  EXPECT_GT(colours.size(), 200u) << "the screenshot looks empty";
  brightness /= samples;
  if (dark) {
    EXPECT_LT(brightness, 90) << "the dark theme is not dark";
  } else {
    EXPECT_GT(brightness, 170) << "the light theme is not light";
  }
}

}  // namespace cepheus::studio
