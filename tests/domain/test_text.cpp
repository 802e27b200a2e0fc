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
    EXPECT_EQ(fold(std::string("ab\xff\xfe"
                               "c")),
              "abc");
    EXPECT_EQ(fold(std::string("\xc3")), "");
}

TEST(Text, StemMakesPluralsMeet) {
    EXPECT_EQ(stem("associations"), "association");
    EXPECT_EQ(stem("association"), "association");
    EXPECT_EQ(stem("sociaux"), "social");
    EXPECT_EQ(stem("jeux"), "jeu");
    EXPECT_EQ(stem("communities"), "community");
    // French -ie words, singular and plural, meet their English -y forms (issue 10: skill names).
    EXPECT_EQ(stem("cartographies"), stem("cartographie"));
    EXPECT_EQ(stem("technologie"), stem("technology"));
    EXPECT_EQ(stem("technologies"), "technology");
    EXPECT_EQ(stem("vie"), "vie") << "too short to touch";
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
    for (const auto& term : search_terms("100% _solidaire_ a%b")) EXPECT_EQ(term.find_first_of("%_"), std::string::npos) << term;
}

TEST(Text, Slugify) {
    EXPECT_EQ(slugify("Accès à l'éducation !"), "acces-a-l-education");
    EXPECT_EQ(slugify("  --Hello  World-- "), "hello-world");
    EXPECT_EQ(slugify(""), "");
}

TEST(Text, Utf8Validation) {
    EXPECT_TRUE(is_valid_utf8("éducation 🌍"));
    EXPECT_FALSE(is_valid_utf8(std::string("\xc0\xaf")));      // overlong
    EXPECT_FALSE(is_valid_utf8(std::string("\xed\xa0\x80")));  // surrogate
    EXPECT_FALSE(is_valid_utf8(std::string("abc\xe2\x82")));   // truncated
}

TEST(Text, ControlCharactersAreFoundWhereNoFieldMayStoreThem) {
    using namespace std::string_literals;
    EXPECT_FALSE(has_control_character("Éducation populaire 🌍", false));
    EXPECT_FALSE(has_control_character("", false));
    EXPECT_FALSE(has_control_character("a\tb", false)) << "a tab is white space";
    EXPECT_TRUE(has_control_character("nul\0cut"s, false));
    EXPECT_TRUE(has_control_character("nul\0cut"s, true)) << "NUL is refused in multi-line text too";
    EXPECT_TRUE(has_control_character("Objet\r\nBcc: x@y.fr", false));
    EXPECT_TRUE(has_control_character("line\nbreak", false));
    EXPECT_TRUE(has_control_character("carriage\rreturn", false));
    EXPECT_FALSE(has_control_character("deux\r\nlignes\net\tune tabulation", true));
    EXPECT_TRUE(has_control_character("bell\x07", true));
    EXPECT_TRUE(has_control_character("escape\x1b[31m", true));
    EXPECT_TRUE(has_control_character("delete\x7f", true));
    EXPECT_TRUE(has_control_character("c1 \xc2\x85 next line", true));            // U+0085
    EXPECT_TRUE(has_control_character("c1 \xc2\x80", false));                     // U+0080, the first
    EXPECT_TRUE(has_control_character("c1 \xc2\x9f", false));                     // U+009F, the last
    EXPECT_FALSE(has_control_character("\xc2\xa0insécable et \xc2\xa9", false));  // U+00A0, U+00A9: printable
    EXPECT_TRUE(has_control_character("\x01", true));
    EXPECT_TRUE(has_control_character("\x1f", true));
    EXPECT_FALSE(has_control_character(" ", false));
}

TEST(Text, MultiLineFieldsAreTheTextareasAndTheirApiKeys) {
    for (auto field :
         {"message", "reason", "body", "bio", "description", "problem", "hopes", "constraints", "statement", "negative_impacts"})
        EXPECT_TRUE(is_multi_line_field(field)) << field;
    for (auto field : {"title", "summary", "display_name", "name", "email", "availability", "contact_name", "organisation", ""})
        EXPECT_FALSE(is_multi_line_field(field)) << field;
}
