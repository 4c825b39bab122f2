// `touchbase new NAME` (SPEC §7): the file name and the text of a new note.
// Pure; the command in command_new.cpp writes the file.
//
// Decisions where the spec is silent (to be carried into the README):
// - The file name is NAME in lower case: Latin letters lose their accents
//   (é → e, ß → ss, æ → ae, ł → l, ễ → e), letters and digits of other
//   scripts stay as written, in lower case, with their combining marks
//   (東京デザイン事務所.md, москва.md); apostrophes are dropped; other
//   characters (spaces, punctuation, symbols) become one dash; leading and
//   trailing dashes are trimmed ("Café Nöel & Co." → cafe-noel-co.md).
// - The note has `name`, `engagement` (default ongoing, written out so it is
//   easy to change) and `owner` when given, an H1 with the name, an empty
//   `## Log` section (config `log_heading`) and a `## Next actions` section,
//   each with a hint in an HTML comment (never read as an entry or a task).
//   A name that starts with a date gets no H1: it would be a contact entry.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace touchbase {

// The file stem for NAME ("Acme Corp" → "acme-corp"); empty when nothing is left.
std::string note_file_stem(std::string_view name);

// NAME with every run of white space made one space, trimmed.
std::string clean_name(std::string_view name);

// A YAML scalar for `text`: plain when YAML reads it back as the same
// string, else double-quoted.
std::string yaml_string(std::string_view text);

struct NewNote {
    std::string name;                  // cleaned (clean_name)
    std::string engagement = "ongoing";
    std::optional<std::string> owner;
    std::string log_heading = "Log";
};

std::string new_note_text(const NewNote& note);

}  // namespace touchbase
