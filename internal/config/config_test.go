package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadingOptionsChecked(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"known encoding", "encoding: windows-1252", ""},
		{"alias", "encoding: CP1252", ""},
		{"unknown encoding", "encoding: ebcdic", `inputs.workforce[0].encoding: "ebcdic" is not valid`},
		{"one-character delimiter", `delimiter: ";"`, ""},
		{"tab", `delimiter: tab`, ""},
		{"long delimiter", `delimiter: ";;"`, `inputs.workforce[0].delimiter: ";;" is not one character`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader("name: x\ninputs:\n  workforce:\n    - path: a.csv\n      "+c.yaml+"\n"), "p.yaml")
			switch {
			case c.want == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case c.want != "" && (err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "p.yaml: "+c.want)):
				t.Errorf("got %v, want an ErrInvalid naming %q", err, c.want)
			}
		})
	}
}

func TestInputPathsStayInTheProject(t *testing.T) {
	project := t.TempDir()
	dir := filepath.Join(project, "pipelines")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(filepath.Dir(project), "elsewhere.csv")
	cases := []struct {
		name, path string
		ok         bool
	}{
		{"beside the pipeline", "staff.csv", true},
		{"in the project", "../inputs/staff-*.csv", true},
		{"out of the project", "../../elsewhere.csv", false},
		{"in and out again", "../inputs/../../x/staff.csv", false},
		{"absolute, on purpose", outside, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, "p.yaml")
			yaml := "name: x\ninputs:\n  workforce:\n    - path: " + c.path + "\n  leavers: {path: ../inputs/leavers.csv}\n"
			if err := os.WriteFile(path, []byte(yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(path)
			if c.ok && err != nil {
				t.Errorf("refused: %v", err)
			}
			if !c.ok {
				want := `inputs.workforce[0].path: "` + c.path + `" leads outside the project folder`
				if err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), want) {
					t.Errorf("got %v, want an ErrInvalid containing %q", err, want)
				}
			}
		})
	}
}

func TestYAMLMistakesNameTheLine(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"text for a list", "name: x\ninputs:\n  workforce:\n    - path: a.csv\nanalysis:\n  age_bands: young\n",
			`p.yaml:6: "young" is text; write a list of whole numbers, e.g. [16, 25, 45, 65] here`},
		{"text for inputs", "name: x\ninputs:\n  workforce: a.csv\n", `p.yaml:3: "a.csv" is text; write a list of inputs, each starting "- path:" here`},
		{"text for a number", "name: x\ninputs:\n  workforce:\n    - path: a.csv\nsuppression: {min_count: lots}\n", `p.yaml:5: "lots" is text; write a whole number here`},
		{"syntax", "name: x\n  inputs: : :\n", "p.yaml:2: invalid pipeline: not valid YAML: mapping values are not allowed in this context; check the indentation"},
		{"binary", "\x00\x01binary", "p.yaml: invalid pipeline: not valid YAML: control characters are not allowed; check the file is a YAML text file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(c.yaml), "p.yaml")
			if err == nil || !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an ErrInvalid containing %q", err, c.want)
			}
		})
	}
}
