#include "domain/text.hpp"

#include <gtest/gtest.h>

using namespace latitudes::domain;

TEST(Text, FoldRemovesAccentsAndCase) {
    EXPECT_EQ(fold("Éducation"), "education");
    EXPECT_EQ(fold("ÇA À ÊTRE Œuvre"), "ca a etre oeuvre");
    EXPECT_EQ(fold("Santé & données"), "sante & donnees");
    EXPECT_EQ(fold("l’accès"), "l'acces");
}

TEST(Text, FoldDropsBrokenUtf8) {
    EXPECT_EQ(fold(std::string("ab\xff\xfe" "c")), "abc");
    EXPECT_EQ(fold(std::string("\xc3")), "");
}

TEST(Text, StemMakesPluralsMeet) {
    EXPECT_EQ(stem("associations"), "association");
    EXPECT_EQ(stem("association"), "association");
    EXPECT_EQ(stem("sociaux"), "social");
    EXPECT_EQ(stem("jeux"), "jeu");
    EXPECT_EQ(stem("communities"), "community");
    EXPECT_EQ(stem("projets"), "projet");
    // Words that only look plural are kept.
    EXPECT_EQ(stem("campus"), "campus");
    EXPECT_EQ(stem("business"), "business");
    EXPECT_EQ(stem("bus"), "bus");
}

TEST(Text, SearchTermsAreFoldedAndStemmed) {
    auto terms = search_terms("Les Associations d'éducation, numériques!");
    std::vector<std::string> expected{"les", "association", "d", "education", "numerique"};
    EXPECT_EQ(terms, expected);
    EXPECT_TRUE(search_terms("   ").empty());
    EXPECT_EQ(search_index("Éducation populaire"), " education populaire");
}

TEST(Text, SearchTermsCannotCarryLikeWildcards) {
    for (const auto& term : search_terms("100% _solidaire_ a%b"))
        EXPECT_EQ(term.find_first_of("%_"), std::string::npos) << term;
}

TEST(Text, Slugify) {
    EXPECT_EQ(slugify("Accès à l'éducation !"), "acces-a-l-education");
    EXPECT_EQ(slugify("  --Hello  World-- "), "hello-world");
    EXPECT_EQ(slugify(""), "");
}

TEST(Text, Utf8Validation) {
    EXPECT_TRUE(is_valid_utf8("éducation 🌍"));
    EXPECT_FALSE(is_valid_utf8(std::string("\xc0\xaf")));          // overlong
    EXPECT_FALSE(is_valid_utf8(std::string("\xed\xa0\x80")));      // surrogate
    EXPECT_FALSE(is_valid_utf8(std::string("abc\xe2\x82")));       // truncated
}
