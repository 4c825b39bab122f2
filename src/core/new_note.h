// `touchbase new NAME` (SPEC §7): the file name and the text of a new note.
// Pure; the command in command_new.cpp writes the file.
//
// Where the spec is silent: docs/decisions.md#new-file-name and
// docs/decisions.md#new-template.
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
    std::string name;  // cleaned (clean_name)
    std::string engagement = "ongoing";
    std::optional<std::string> owner;
    std::string log_heading = "Log";
};

std::string new_note_text(const NewNote& note);

}  // namespace touchbase
