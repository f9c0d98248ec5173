#include "cepheus/core/status.h"

#include <gtest/gtest.h>

#include "cepheus/core/result.h"

namespace cepheus {
namespace {

TEST(StatusTest, DefaultStatusIsOkAndHasNoMessage) {
  Status status;
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kOk);
  EXPECT_EQ(status.message(), "");
  EXPECT_EQ(status.to_string(), "ok");
}

TEST(StatusTest, ErrorCarriesCodeAndMessage) {
  Status status = invalid_argument("temp is not a number");
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.to_string(), "invalid_argument: temp is not a number");
}

TEST(StatusTest, ContextIsPutBeforeTheMessage) {
  Status status = io_error("disk full").with_context("alerts.db");
  EXPECT_EQ(status.message(), "alerts.db: disk full");
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_TRUE(Status().with_context("ignored").ok());
}

TEST(StatusTest, EveryCodeHasAStableName) {
  EXPECT_EQ(status_code_name(StatusCode::kResourceExhausted), "resource_exhausted");
  EXPECT_EQ(status_code_name(StatusCode::kUnauthenticated), "unauthenticated");
  EXPECT_EQ(status_code_name(StatusCode::kInternal), "internal");
}

Result<int> half(int n) {
  if (n % 2 != 0) return invalid_argument(std::to_string(n) + " is odd");
  return n / 2;
}

Result<int> quarter(int n) {
  CEPHEUS_ASSIGN_OR_RETURN(int h, half(n));
  return half(h);
}

TEST(ResultTest, HoldsAValueOrAnError) {
  Result<int> good = half(8);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 4);
  EXPECT_TRUE(good.status().ok());
  Result<int> bad = half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "3 is odd");
  EXPECT_EQ(bad.value_or(-1), -1);
}

TEST(ResultTest, AssignOrReturnPassesTheFirstErrorUp) {
  EXPECT_EQ(*quarter(8), 2);
  EXPECT_EQ(quarter(6).status().message(), "3 is odd");
  EXPECT_EQ(quarter(5).status().message(), "5 is odd");
}

}  // namespace
}  // namespace cepheus
