#include "domain/i18n.hpp"
#include "render/views.hpp"
#include "web/site.hpp"

#include <gtest/gtest.h>

using namespace latitudes::domain;

TEST(I18n, LanguageNegotiationOrder) {
    EXPECT_EQ(negotiate_lang("", "", ""), Lang::fr);  // French by default
    EXPECT_EQ(negotiate_lang("", "", "en-GB,en;q=0.9"), Lang::en);
    EXPECT_EQ(negotiate_lang("", "", "de-DE,de;q=0.9,en;q=0.5,fr;q=0.8"), Lang::fr);  // best supported q wins
    EXPECT_EQ(negotiate_lang("", "", "de,it"), Lang::fr);                             // nothing supported
    EXPECT_EQ(negotiate_lang("", "en", "fr"), Lang::en);                              // cookie beats the header
    EXPECT_EQ(negotiate_lang("fr", "en", "en"), Lang::fr);                            // ?lang= beats everything
    EXPECT_EQ(negotiate_lang("xx", "en", "fr"), Lang::en);                            // invalid ?lang= is ignored
    EXPECT_EQ(negotiate_lang("", "", "en;q=abc"), Lang::fr);                          // malformed q
}

TEST(I18n, ParseLang) {
    EXPECT_EQ(parse_lang("EN"), Lang::en);
    EXPECT_EQ(parse_lang("fr-CA"), Lang::fr);
    EXPECT_FALSE(parse_lang("english").has_value());
    EXPECT_FALSE(parse_lang("e").has_value());
}

TEST(I18n, CatalogueLookupAndMissingKeys) {
    Catalogue c;
    c.load(Lang::fr, R"({"hello": "Bonjour", "only_fr": "x"})");
    c.load(Lang::en, R"({"hello": "Hello"})");
    EXPECT_EQ(c.get(Lang::fr, "hello"), "Bonjour");
    EXPECT_EQ(c.get(Lang::en, "hello"), "Hello");
    EXPECT_THROW(c.get(Lang::en, "only_fr"), std::out_of_range);
    ASSERT_EQ(c.missing_keys().size(), 1u);
    EXPECT_EQ(c.missing_keys()[0], "en: only_fr");
}

TEST(I18n, CatalogueRejectsBadFiles) {
    Catalogue c;
    EXPECT_THROW(c.load(Lang::fr, "{not json"), std::runtime_error);
    EXPECT_THROW(c.load(Lang::fr, "[1, 2]"), std::runtime_error);
    EXPECT_THROW(c.load(Lang::fr, R"({"a": 3})"), std::runtime_error);
}

TEST(I18n, ShippedCataloguesAreCompleteAndEveryTemplateKeyExists) {
    // load_catalogue() refuses incomplete catalogues; Views refuses templates naming unknown keys.
    Catalogue c = latitudes::render::load_catalogue();
    EXPECT_TRUE(c.missing_keys().empty());
    EXPECT_GT(c.entries(Lang::fr).size(), 100u);
    EXPECT_NO_THROW(latitudes::render::Views views(c));
    // No English text left in the French catalogue's navigation, and vice versa.
    EXPECT_EQ(c.get(Lang::fr, "nav.projects"), "Projets");
    EXPECT_EQ(c.get(Lang::en, "nav.projects"), "Projects");
}

TEST(I18n, TranslateEscapesMessagesAndRejectsUnknownKeys) {
    Catalogue c;
    c.load(Lang::fr, R"({"k": "<b>Tom & Jerry</b>"})");
    c.load(Lang::en, R"({"k": "x"})");
    EXPECT_EQ(latitudes::render::Views::translate("a [[k]] b", c, Lang::fr, "t"), "a &lt;b&gt;Tom &amp; Jerry&lt;/b&gt; b");
    EXPECT_THROW(latitudes::render::Views::translate("[[nope]]", c, Lang::fr, "t"), std::runtime_error);
    EXPECT_THROW(latitudes::render::Views::translate("[[k", c, Lang::fr, "t"), std::runtime_error);
}
