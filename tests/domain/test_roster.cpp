#include "domain/roster.hpp"

#include "domain/text.hpp"

#include "support/fixtures.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace latitudes::domain;

namespace {

using Problems = std::vector<RosterProblem>;

std::string fixture(const std::string& name) { return latitudes::test::csv_fixture(name); }

RosterPreview read_fixture(const std::string& name, const std::set<std::string>& cohort = {}) {
    return read_roster(fixture(name), cohort);
}

// The whole of a row, for one-line comparisons.
struct Row {
    int line;
    std::string email, first_name, last_name, student_number, group;
    bool operator==(const Row&) const = default;
};
void PrintTo(const Row& r, std::ostream* os) {
    *os << r.line << " " << r.email << " " << r.first_name << " " << r.last_name << " " << r.student_number << " " << r.group;
}
Row row_of(const RosterRow& r) { return {r.line, r.email, r.first_name, r.last_name, r.student_number, r.group}; }

}  // namespace

// Readable failures: found by argument-dependent lookup, so it lives in the type's namespace.
namespace latitudes::domain {
void PrintTo(const RosterProblem& p, std::ostream* os) { *os << p.code << "@" << p.line << "[" << p.detail << "]"; }
}  // namespace latitudes::domain

// ---- Columns ---------------------------------------------------------------------------------

TEST(Roster, RecognisesFrenchAndEnglishHeaders) {
    for (const char* h : {"e-mail", "E-mail", "EMAIL", "Courriel", "Adresse e-mail", "Mail", "Adresse électronique",
                          "ADRESSE ELECTRONIQUE", "Email Address"})
        EXPECT_EQ(roster_column(h), RosterColumn::email) << h;
    for (const char* h : {"Prénom", "PRENOM", "First name", "firstname", "Given Name"})
        EXPECT_EQ(roster_column(h), RosterColumn::first_name) << h;
    for (const char* h : {"Nom", "NOM", "Nom de famille", "Last name", "Surname", "Family name"})
        EXPECT_EQ(roster_column(h), RosterColumn::last_name) << h;
    for (const char* h : {"Numéro étudiant", "N° étudiant", "Nº étudiant", "Numéro d'étudiant", "Numéro d’étudiant",
                          "N° ÉTUDIANT", "Student number", "Student ID", "student_id", "Matricule"})
        EXPECT_EQ(roster_column(h), RosterColumn::student_number) << h;
    for (const char* h : {"Groupe", "Group", "TD", "td", "Classe"}) EXPECT_EQ(roster_column(h), RosterColumn::group) << h;
    for (const char* h : {"", "Remarques", "Nom Prénom", "Téléphone", "Identifiant ENT", "e-mail perso 2"})
        EXPECT_EQ(roster_column(h), std::nullopt) << h;
    EXPECT_EQ(roster_column("  Prénom\xC2\xA0"), RosterColumn::first_name);  // stray (non-breaking) spaces
}

TEST(Roster, ColumnCodes) {
    EXPECT_EQ(to_string(RosterColumn::email), "email");
    EXPECT_EQ(to_string(RosterColumn::first_name), "first_name");
    EXPECT_EQ(to_string(RosterColumn::last_name), "last_name");
    EXPECT_EQ(to_string(RosterColumn::student_number), "student_number");
    EXPECT_EQ(to_string(RosterColumn::group), "group");
}

// ---- Good files ------------------------------------------------------------------------------

TEST(Roster, ReadsLibreOfficeExport) {
    const auto preview = read_fixture("libreoffice_fr_bom.csv");
    ASSERT_TRUE(preview.ok());
    EXPECT_EQ(preview.encoding, "utf-8-bom");
    EXPECT_EQ(preview.separator, ';');
    EXPECT_EQ(preview.columns, (std::map<RosterColumn, std::string>{{RosterColumn::first_name, "Prénom"},
                                                                    {RosterColumn::last_name, "Nom"},
                                                                    {RosterColumn::email, "E-mail"},
                                                                    {RosterColumn::student_number, "Numéro étudiant"},
                                                                    {RosterColumn::group, "Groupe"}}));
    EXPECT_TRUE(preview.warnings.empty());
    ASSERT_EQ(preview.rows.size(), 3u);
    EXPECT_EQ(row_of(preview.rows[0]), (Row{2, "elodie.lefevre@etu.univ-exemple.fr", "Élodie", "Lefèvre", "21900123", "TD1"}));
    EXPECT_EQ(row_of(preview.rows[1]), (Row{3, "jb.ndiaye@etu.univ-exemple.fr", "Jean-Baptiste", "N'Diaye", "21900456", "TD2"}));
    EXPECT_EQ(row_of(preview.rows[2]), (Row{4, "chloe.dubois@etu.univ-exemple.fr", "Chloé", "Dubois-Müller", "00021789", "TD1"}));
    for (const auto& row : preview.rows) EXPECT_TRUE(row.accepted());
    EXPECT_EQ(preview.accepted, 3u);
    EXPECT_EQ(preview.refused, 0u);
}

TEST(Roster, ReadsExcelWindows1252AndSkipsItsEmptyRows) {
    const auto preview = read_fixture("excel_fr_windows1252.csv");
    ASSERT_TRUE(preview.ok());
    EXPECT_EQ(preview.encoding, "windows-1252");
    EXPECT_EQ(preview.columns.at(RosterColumn::email), "Adresse e-mail");
    EXPECT_EQ(preview.columns.at(RosterColumn::student_number), "N° étudiant");
    EXPECT_EQ(preview.columns.at(RosterColumn::group), "Classe");
    EXPECT_EQ(preview.warnings, (Problems{{"unknown_column", 0, "Droits"}}));
    ASSERT_EQ(preview.rows.size(), 3u);  // the two ";;;;;" rows are skipped
    EXPECT_EQ(row_of(preview.rows[0]),
              (Row{2, "francois.loevenbruck@etu.univ-exemple.fr", "François", "Lœvenbruck", "21800001", "L3 Économie"}));
    EXPECT_EQ(row_of(preview.rows[1]), (Row{3, "helene.noel@etu.univ-exemple.fr", "Hélène", "Noël", "21800002", "L3 Économie"}));
    EXPECT_EQ(row_of(preview.rows[2]), (Row{4, "zoe.garcon@etu.univ-exemple.fr", "Zoé", "Garçon", "21800003", "L3 Gestion"}));
    EXPECT_EQ(preview.accepted, 3u);
    EXPECT_EQ(preview.refused, 0u);
}

TEST(Roster, IgnoresMultiLineTextInUnknownColumns) {
    const auto preview = read_fixture("quoted_multiline.csv");
    ASSERT_TRUE(preview.ok());
    EXPECT_EQ(preview.warnings, (Problems{{"unknown_column", 0, "Remarques"}}));
    ASSERT_EQ(preview.rows.size(), 4u);
    EXPECT_EQ(row_of(preview.rows[0]), (Row{2, "ines.moreau@etu.univ-exemple.fr", "Inès", "Moreau", "", ""}));
    EXPECT_EQ(row_of(preview.rows[1]), (Row{4, "theo.petit@etu.univ-exemple.fr", "Théo", "Petit", "", ""}));
    EXPECT_EQ(row_of(preview.rows[2]), (Row{5, "anne-sophie.roux@etu.univ-exemple.fr", "Anne-Sophie", "Roux", "", ""}));
    EXPECT_EQ(row_of(preview.rows[3]), (Row{8, "lucas.bernard@etu.univ-exemple.fr", "Lucas", "Bernard", "", ""}));
    EXPECT_EQ(preview.accepted, 4u);
}

TEST(Roster, ReadsEnglishCommaSeparated) {
    const auto preview = read_fixture("english_comma.csv");
    ASSERT_TRUE(preview.ok());
    EXPECT_EQ(preview.encoding, "utf-8");
    EXPECT_EQ(preview.separator, ',');
    EXPECT_EQ(preview.columns.size(), 5u);
    EXPECT_EQ(row_of(preview.rows[0]), (Row{2, "emma.oconnor@student.example.ac.uk", "Emma", "O'Connor", "S1234567", "A"}));
    EXPECT_EQ(row_of(preview.rows[1]), (Row{3, "liam.smith@student.example.ac.uk", "Liam", "Smith, Jr.", "S7654321", "B"}));
    EXPECT_EQ(row_of(preview.rows[2]), (Row{4, "zoe.astrom@student.example.ac.uk", "Zoë", "Åström", "S1111111", "A"}));
    EXPECT_EQ(preview.accepted, 3u);
}

TEST(Roster, ReadsTabSeparated) {
    const auto preview = read_fixture("tab_separated.txt");
    ASSERT_TRUE(preview.ok());
    EXPECT_EQ(preview.encoding, "windows-1252");
    EXPECT_EQ(preview.separator, '\t');
    ASSERT_EQ(preview.rows.size(), 3u);
    EXPECT_EQ(row_of(preview.rows[0]), (Row{2, "matheo.lefebvre@etu.univ-exemple.fr", "Mathéo", "Lefebvre", "22001001", "TD A"}));
    EXPECT_EQ(row_of(preview.rows[1]), (Row{3, "maelle.rousseau@etu.univ-exemple.fr", "Maëlle", "Rousseau", "22001002", "TD B"}));
    EXPECT_EQ(row_of(preview.rows[2]),
              (Row{4, "anais.mercier@etu.univ-exemple.fr", "Anaïs", "Mercier", "22001003", "TD A, TD B; soutien"}));
    EXPECT_EQ(preview.accepted, 3u);
}

TEST(Roster, ReadsCrOnlyLineEnds) {
    const auto preview = read_fixture("cr_only.csv");
    ASSERT_TRUE(preview.ok());
    ASSERT_EQ(preview.rows.size(), 3u);
    EXPECT_EQ(row_of(preview.rows[0]), (Row{2, "paul.martin@etu.univ-exemple.fr", "Paul", "Martin", "", "G1"}));
    EXPECT_EQ(row_of(preview.rows[1]), (Row{3, "julie.durand@etu.univ-exemple.fr", "Julie", "Durand", "", "G2"}));
    EXPECT_EQ(row_of(preview.rows[2]), (Row{5, "hugo.leroy@etu.univ-exemple.fr", "Hugo", "Leroy", "", "G1"}));
}

// ---- Bad rows --------------------------------------------------------------------------------

TEST(Roster, ReportsEveryKindOfBadRow) {
    const auto preview = read_fixture("bad_rows.csv", {"eric.bernard@etu.univ-exemple.fr", "someone@else.fr"});
    ASSERT_TRUE(preview.ok());
    EXPECT_EQ(preview.warnings, (Problems{{"unknown_column", 0, "Remarques"}}));
    ASSERT_EQ(preview.rows.size(), 11u);  // line 10 (";;;;;") is skipped
    const auto& r = preview.rows;

    EXPECT_EQ(row_of(r[0]), (Row{2, "alice.martin@etu.univ-exemple.fr", "Alice", "Martin", "21900001", "TD1"}));
    EXPECT_EQ(r[0].problems, Problems{});

    EXPECT_EQ(r[1].line, 3);
    EXPECT_EQ(r[1].email, "");
    EXPECT_EQ(r[1].problems, (Problems{{"email_missing"}}));

    EXPECT_EQ(r[2].line, 4);
    EXPECT_EQ(r[2].email, "claire.durand(at)etu.univ-exemple.fr");
    EXPECT_EQ(r[2].problems, (Problems{{"email_invalid"}}));

    // The second occurrence, written in another case, names the first line.
    EXPECT_EQ(r[3].line, 5);
    EXPECT_EQ(r[3].email, "alice.martin@etu.univ-exemple.fr");
    EXPECT_EQ(r[3].problems, (Problems{{"duplicate_in_file", 2}}));

    EXPECT_EQ(row_of(r[4]), (Row{6, "eric.bernard@etu.univ-exemple.fr", "Éric", "Bernard", "21900005", "TD1"}));
    EXPECT_EQ(r[4].problems, (Problems{{"already_in_cohort"}}));

    EXPECT_EQ(r[5].line, 7);
    EXPECT_EQ(r[5].first_name, "Fanny");
    EXPECT_GT(characters(r[5].last_name), max_roster_cell);
    EXPECT_EQ(r[5].problems, (Problems{{"too_long", 0, "Nom"}}));

    // A line break typed inside the "Groupe" cell (lines 8 and 9).
    EXPECT_EQ(r[6].line, 8);
    EXPECT_EQ(r[6].group, "TD1\nTD3");
    EXPECT_EQ(r[6].problems, (Problems{{"control_character", 0, "Groupe"}}));

    // Extra cells beyond the header are ignored; missing trailing ones are empty.
    EXPECT_EQ(row_of(r[7]), (Row{11, "hugo.lemoine@etu.univ-exemple.fr", "Hugo", "Lemoine", "21900009", "TD2"}));
    EXPECT_TRUE(r[7].accepted());
    EXPECT_EQ(row_of(r[8]), (Row{12, "ines.roux@etu.univ-exemple.fr", "Inès", "Roux", "", ""}));
    EXPECT_TRUE(r[8].accepted());

    // Both a duplicate (of line 6) and already in the cohort, in that order.
    EXPECT_EQ(r[9].line, 13);
    EXPECT_EQ(r[9].problems, (Problems{{"duplicate_in_file", 6}, {"already_in_cohort"}}));

    // A vertical tab in the name; the 250 characters of "Remarques" are not checked.
    EXPECT_EQ(r[10].line, 14);
    EXPECT_EQ(r[10].last_name, "Faure\x0b");
    EXPECT_EQ(r[10].problems, (Problems{{"control_character", 0, "Nom"}}));

    EXPECT_EQ(preview.accepted, 3u);
    EXPECT_EQ(preview.refused, 8u);
}

TEST(Roster, OneOfEachProblemAndTheLengthBoundary) {
    const std::string ok200(200, 'a'), long201(201, 'a');
    std::string accents200;
    for (int k = 0; k < 200; ++k) accents200 += "é";  // 400 bytes, 200 characters
    const auto preview = read_roster(
        "Prénom;Nom;Courriel\n" + ok200 + ";" + accents200 + ";a@b.fr\n" + long201 + ";" + long201 + ";\"x\ny\"\n", {});
    ASSERT_EQ(preview.rows.size(), 2u);
    EXPECT_TRUE(preview.rows[0].accepted());
    EXPECT_EQ(preview.rows[1].problems,
              (Problems{{"email_invalid"}, {"control_character", 0, "Courriel"}, {"too_long", 0, "Prénom"}}));
}

TEST(Roster, TrimsValuesAndNormalisesEmails) {
    const auto preview = read_roster("E-mail;Prénom\n\"  Jean.Dupont@Univ.FR \";\" Jean\n\"\n", {});
    ASSERT_EQ(preview.rows.size(), 1u);
    EXPECT_EQ(preview.rows[0].email, "jean.dupont@univ.fr");
    EXPECT_EQ(preview.rows[0].first_name, "Jean");  // the trailing Alt+Enter is not a problem
    EXPECT_TRUE(preview.rows[0].accepted());
}

// ---- File problems ---------------------------------------------------------------------------

TEST(Roster, UnterminatedQuoteNamesItsLine) {
    const auto preview = read_fixture("unterminated_quote.csv");
    EXPECT_EQ(preview.file_problems, (Problems{{"unterminated_quote", 3}}));
    EXPECT_TRUE(preview.rows.empty());
    EXPECT_EQ(preview.accepted + preview.refused, 0u);
}

TEST(Roster, NoEmailColumn) {
    const auto preview = read_fixture("no_email_column.csv");
    EXPECT_EQ(preview.file_problems, (Problems{{"no_email_column"}}));
    EXPECT_EQ(preview.warnings, (Problems{{"unknown_column", 0, "Identifiant ENT"}}));
    EXPECT_EQ(preview.columns.at(RosterColumn::student_number), "N° ÉTUDIANT");
    EXPECT_TRUE(preview.rows.empty());
}

TEST(Roster, DuplicateColumns) {
    const auto preview = read_fixture("duplicate_column.csv");
    EXPECT_EQ(preview.file_problems, (Problems{{"duplicate_column", 0, "Nom de famille"}, {"duplicate_column", 0, "E-mail"}}));
    EXPECT_EQ(preview.columns.at(RosterColumn::email), "Courriel");
    EXPECT_TRUE(preview.rows.empty());
}

TEST(Roster, EmptyFiles) {
    for (const char* name : {"empty.csv", "header_only.csv"}) {
        const auto preview = read_fixture(name);
        EXPECT_EQ(preview.file_problems, (Problems{{"empty"}})) << name;
        EXPECT_TRUE(preview.rows.empty());
    }
    EXPECT_EQ(read_roster("\xEF\xBB\xBF\r\n  \r\n", {}).file_problems, (Problems{{"empty"}}));
    EXPECT_EQ(read_roster("E-mail;Nom\n;\n ; \n", {}).file_problems, (Problems{{"empty"}}));
}

TEST(Roster, UndecodableFile) {
    const auto preview = read_roster("E-mail;Nom\nx@y.fr;Dupont\x81\n", {});
    EXPECT_EQ(preview.file_problems, (Problems{{"encoding"}}));
    EXPECT_EQ(preview.encoding, "");
    EXPECT_EQ(preview.separator, 0);
}

TEST(Roster, TooManyRows) {
    auto file = [](std::size_t rows) {
        std::string text = "E-mail\r\n";
        for (std::size_t k = 0; k < rows; ++k) text += "student" + std::to_string(k) + "@etu.univ-exemple.fr\r\n";
        return text;
    };
    const auto at_limit = read_roster(file(max_roster_rows), {});
    EXPECT_TRUE(at_limit.ok());
    EXPECT_EQ(at_limit.accepted, max_roster_rows);
    EXPECT_EQ(at_limit.rows.back().line, static_cast<int>(max_roster_rows) + 1);
    const auto over = read_roster(file(max_roster_rows + 1), {});
    EXPECT_EQ(over.file_problems, (Problems{{"too_many_rows"}}));
    EXPECT_TRUE(over.rows.empty());
}
