#include "web/response_cache.hpp"

#include <gtest/gtest.h>

#include <thread>

using namespace latitudes::web;
using namespace std::chrono_literals;

TEST(ResponseCache, ReturnsWhatWasStoredUntilItExpires) {
    ResponseCache cache(50ms);
    Response r;
    r.body = "page";
    cache.put("GET fr -- /projects", r);
    ASSERT_TRUE(cache.get("GET fr -- /projects").has_value());
    EXPECT_EQ(cache.get("GET fr -- /projects")->body, "page");
    EXPECT_FALSE(cache.get("GET en -- /projects").has_value()) << "keys are exact";
    std::this_thread::sleep_for(80ms);
    EXPECT_FALSE(cache.get("GET fr -- /projects").has_value());
}

TEST(ResponseCache, ClearAndDisabled) {
    ResponseCache cache(10s);
    cache.put("a", Response{});
    cache.clear();
    EXPECT_FALSE(cache.get("a").has_value());
    EXPECT_TRUE(cache.enabled());
    EXPECT_FALSE(ResponseCache(0ms).enabled());
}

TEST(ResponseCache, StaysBoundedWithManyDistinctKeys) {
    ResponseCache cache(10s, 160);
    for (int i = 0; i < 5000; ++i) cache.put("k" + std::to_string(i), Response{});
    int kept = 0;
    for (int i = 0; i < 5000; ++i) kept += cache.get("k" + std::to_string(i)).has_value();
    EXPECT_LE(kept, 16 * 11);
    EXPECT_TRUE(cache.get("k4999").has_value()) << "the newest entry is kept";
}
