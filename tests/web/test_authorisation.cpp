#include "web/authorisation.hpp"

#include <gtest/gtest.h>

using latitudes::web::safe_next;

TEST(Authorisation, OnlyLocalPathsAreFollowedAfterLogin) {
    EXPECT_EQ(safe_next("/invitations/accept?token=abc&lang=fr"), "/invitations/accept?token=abc&lang=fr");
    EXPECT_EQ(safe_next("/"), "/");
    for (auto bad : {"", "https://evil.example/", "//evil.example/", "/\\evil.example", "evil", "/a\r\nSet-Cookie: x=1",
                     "javascript:alert(1)", "/path\\with-backslash"})
        EXPECT_EQ(safe_next(bad), "") << bad;
    EXPECT_EQ(safe_next("/" + std::string(600, 'a')), "") << "overlong";
}

TEST(Authorisation, SubjectComesFromTheVisitor) {
    latitudes::web::Visitor visitor;
    auto anonymous = latitudes::web::subject_of(visitor);
    EXPECT_FALSE(anonymous.authenticated);
    EXPECT_EQ(anonymous.role, latitudes::domain::Role::anonymous);
    visitor.person_id = 5;
    visitor.role = latitudes::domain::Role::staff;
    auto staff = latitudes::web::subject_of(visitor);
    EXPECT_TRUE(staff.authenticated);
    EXPECT_EQ(staff.role, latitudes::domain::Role::staff);
    // An unknown role stored with an account is nobody special.
    EXPECT_EQ(latitudes::web::visitor_role("emperor"), latitudes::domain::Role::anonymous);
    EXPECT_EQ(latitudes::web::visitor_role("coordinator"), latitudes::domain::Role::coordinator);
}
