// Package config reads a pipeline file: what to ingest, how to analyse it and
// what to publish. Unknown keys, wrong types and impossible settings are
// errors naming the file, the line and the nearest valid choice.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/robfig/cron/v3"
	"gopkg.in/yaml.v3"

	"github.com/equip-project/equip/internal/harmonise"
	"github.com/equip-project/equip/internal/suggest"
)

// ErrInvalid marks every configuration error (exit code 2).
var ErrInvalid = errors.New("invalid pipeline")

// Strings is a list that may be written in YAML as one string or a sequence.
type Strings []string

// UnmarshalYAML accepts a scalar or a sequence of scalars.
func (s *Strings) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*s = Strings{n.Value}
		return nil
	}
	var list []string
	if err := n.Decode(&list); err != nil {
		return err
	}
	*s = list
	return nil
}

// File is one input file (or glob).
type File struct {
	Path      string `yaml:"path"`
	Sheet     string `yaml:"sheet"`
	Encoding  string `yaml:"encoding"`
	Delimiter string `yaml:"delimiter"`
}

// Workforce is one workforce snapshot input; Path may be a glob.
type Workforce struct {
	File     `yaml:",inline"`
	Snapshot string `yaml:"snapshot"`
}

// Census is the population benchmark input.
type Census struct {
	Path      Strings `yaml:"path"`
	Geography Strings `yaml:"geography"`
}

// Peers names the published gender pay gap data and the peer group in it.
type Peers struct {
	File      `yaml:",inline"`
	SIC       Strings `yaml:"sic"`
	Size      Strings `yaml:"size"`
	Employers Strings `yaml:"employers"`
}

// Inputs lists every input of a pipeline.
type Inputs struct {
	Workforce   []Workforce `yaml:"workforce"`
	Census      *Census     `yaml:"census"`
	Recruitment *File       `yaml:"recruitment"`
	Starters    *File       `yaml:"starters"`
	Leavers     *File       `yaml:"leavers"`
	Casework    *File       `yaml:"casework"`
	Training    *File       `yaml:"training"`
	StaffSurvey *File       `yaml:"staff_survey"`
	ActionPlan  *File       `yaml:"action_plan"`
	PayGapPeers *Peers      `yaml:"pay_gap_peers"`
}

// Grades sets the grade order and the senior threshold.
type Grades struct {
	Order      []string `yaml:"order"`
	SeniorFrom string   `yaml:"senior_from"`
}

// Analysis holds the analysis settings.
type Analysis struct {
	Grades                    Grades            `yaml:"grades"`
	AgeBands                  []int             `yaml:"age_bands"`
	WhiteMinoritiesAsMinority bool              `yaml:"white_minorities_as_minority"`
	Reference                 map[string]string `yaml:"reference"`
	StandardWeeklyHours       float64           `yaml:"standard_weekly_hours"`
	PayPeriod                 string            `yaml:"pay_period"` // the period ordinary_pay covers
}

// Suppression holds the disclosure-control thresholds.
type Suppression struct {
	MinCount       int `yaml:"min_count"`
	PayMinCount    int `yaml:"pay_min_count"`
	SurveyMinCount int `yaml:"survey_min_count"`
}

// Target is one equality target.
type Target struct {
	ID             string  `yaml:"id"`
	Characteristic string  `yaml:"characteristic"`
	Category       string  `yaml:"category"`
	Measure        string  `yaml:"measure"`
	Target         float64 `yaml:"target"`
	Direction      string  `yaml:"direction"`
	Due            string  `yaml:"due"`
}

// Scope says whether a target is about all staff or senior staff.
func (t Target) Scope() string {
	if t.Measure == "percent_of_senior" || t.Measure == "percent_of_group_in_senior" {
		return "senior"
	}
	return "all"
}

// Encodings are the CSV encodings an input may name (besides the default, detected).
var Encodings = []string{"utf-8", "windows-1252", "latin-1"}

// encodingAliases maps other common spellings onto Encodings.
var encodingAliases = map[string]string{"utf8": "utf-8", "cp1252": "windows-1252", "latin1": "latin-1", "iso-8859-1": "latin-1"}

// check validates a file's reading options; where names it in messages.
func (f File) check(where string) []string {
	var errs []string
	if f.Encoding != "" {
		e := strings.ToLower(strings.ReplaceAll(f.Encoding, "_", "-"))
		if _, alias := encodingAliases[e]; !alias && !slices.Contains(Encodings, e) {
			errs = append(errs, oneOf(where+".encoding", f.Encoding, Encodings))
		}
	}
	if d := f.Delimiter; d != "" && d != `\t` && d != "tab" && utf8.RuneCountInString(d) != 1 {
		errs = append(errs, fmt.Sprintf("%s.delimiter: %q is not one character; write e.g. \";\", \",\", \"|\" or \"tab\"", where, d))
	}
	return errs
}

// Pipeline is one parsed, validated pipeline file.
type Pipeline struct {
	Name         string                       `yaml:"name"`
	Title        string                       `yaml:"title"`
	Organisation string                       `yaml:"organisation"`
	AsOf         string                       `yaml:"as_of"`
	Schedule     string                       `yaml:"schedule"`
	Period       string                       `yaml:"period"`
	Report       string                       `yaml:"report"` // the PDF: annual_profile or board_pack
	Inputs       Inputs                       `yaml:"inputs"`
	Columns      map[string]Strings           `yaml:"columns"`
	Labels       map[string]map[string]string `yaml:"labels"`
	Analysis     Analysis                     `yaml:"analysis"`
	Suppression  Suppression                  `yaml:"suppression"`
	Targets      []Target                     `yaml:"targets"`
	Outputs      []string                     `yaml:"outputs"`

	// Path is the pipeline file; Dir its folder, against which relative input paths resolve.
	Path string `yaml:"-"`
	Dir  string `yaml:"-"`
}

// The accepted values of enumerated settings.
var (
	Measures    = []string{"percent", "percent_of_declared", "percent_of_senior", "percent_of_group_in_senior", "declaration_rate"}
	Directions  = []string{"at_least", "at_most"}
	Periods     = []string{"financial_year", "quarter", "calendar_year"}
	OutputKinds = []string{"tables", "workbook", "report", "dashboard", "charts"}
	PayPeriods  = []string{"week", "fortnight", "four_weeks", "month", "year"}
	ReportKinds = []string{"annual_profile", "board_pack"}
	// CanonicalFields are the workforce fields of CONTRACT.md a `columns:` alias may name.
	CanonicalFields = []string{
		"employee_id", "grade", "department", "sex", "gender_identity", "date_of_birth", "age", "ethnicity",
		"disability", "religion", "sexual_orientation", "marital_status", "pregnancy_maternity", "carer",
		"contract_type", "working_pattern", "fte", "weekly_hours", "hourly_pay", "ordinary_pay", "annual_salary",
		"fte_annual_salary", "full_pay_relevant", "bonus_pay", "start_date",
	}
)

// Defaults for settings the pipeline leaves out.
const (
	DefaultMinCount       = 5
	DefaultPayMinCount    = 10
	DefaultSurveyMinCount = 10
	DefaultWeeklyHours    = 37
)

// Load reads and validates the pipeline file at path.
func Load(path string) (*Pipeline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: cannot read the pipeline file: %v", path, ErrInvalid, err)
	}
	defer f.Close()
	p, err := Parse(f, path)
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	p.Path, p.Dir = path, filepath.Dir(abs)
	if errs := p.checkPaths(); len(errs) > 0 {
		lines := make([]string, len(errs))
		for i, e := range errs {
			lines[i] = path + ": " + e
		}
		return nil, fmt.Errorf("%w\n%s", ErrInvalid, strings.Join(lines, "\n"))
	}
	return p, nil
}

// inputPaths lists every input path of the pipeline with the key that sets it.
func (p *Pipeline) inputPaths() [][2]string {
	var out [][2]string
	for i, w := range p.Inputs.Workforce {
		out = append(out, [2]string{fmt.Sprintf("inputs.workforce[%d].path", i), w.Path})
	}
	if c := p.Inputs.Census; c != nil {
		for i, path := range c.Path {
			out = append(out, [2]string{fmt.Sprintf("inputs.census.path[%d]", i), path})
		}
	}
	for _, f := range p.monitoringFiles() {
		out = append(out, [2]string{"inputs." + f.key + ".path", f.file.Path})
	}
	return out
}

type namedFile struct {
	key  string
	file *File
}

// monitoringFiles lists the single-file inputs the pipeline gives.
func (p *Pipeline) monitoringFiles() []namedFile {
	in := p.Inputs
	var out []namedFile
	for _, f := range []namedFile{{"recruitment", in.Recruitment}, {"starters", in.Starters}, {"leavers", in.Leavers},
		{"casework", in.Casework}, {"training", in.Training}, {"staff_survey", in.StaffSurvey}, {"action_plan", in.ActionPlan}} {
		if f.file != nil {
			out = append(out, f)
		}
	}
	if in.PayGapPeers != nil {
		out = append(out, namedFile{"pay_gap_peers", &in.PayGapPeers.File})
	}
	return out
}

// checkPaths refuses relative input paths that climb out of the project:
// the folder above the pipeline's own (pipelines/ sits beside inputs/).
// A pipeline copied from elsewhere must not read files its author could
// not see; a file outside the project is named by an absolute path, on purpose.
func (p *Pipeline) checkPaths() []string {
	project := filepath.Dir(p.Dir)
	var errs []string
	for _, kv := range p.inputPaths() {
		key, path := kv[0], kv[1]
		if path == "" || filepath.IsAbs(path) {
			continue
		}
		rel, err := filepath.Rel(project, filepath.Join(p.Dir, path))
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			errs = append(errs, fmt.Sprintf("%s: %q leads outside the project folder %s (the folder above the pipeline's); keep inputs inside it, or give an absolute path", key, path, filepath.Base(project)))
		}
	}
	return errs
}

// Parse reads a pipeline from r; name is used in error messages.
func Parse(r io.Reader, name string) (*Pipeline, error) {
	data, err := io.ReadAll(io.LimitReader(r, 4<<20))
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", name, ErrInvalid, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		if m := yamlSyntaxLine.FindStringSubmatch(err.Error()); m != nil {
			return nil, fmt.Errorf("%s:%s: %w: not valid YAML: %s; check the indentation and quoting of this line and the one before", name, m[1], ErrInvalid, m[2])
		}
		return nil, fmt.Errorf("%s: %w: not valid YAML: %s; check the file is a YAML text file", name, ErrInvalid, yamlMessage(err))
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, fmt.Errorf("%s: %w: the file is empty; a pipeline needs at least `name:` and `inputs.workforce:`", name, ErrInvalid)
	}
	if err := checkKeys(root.Content[0], reflect.TypeOf(Pipeline{}), ""); err != nil {
		return nil, fmt.Errorf("%s:%w", name, err)
	}
	var p Pipeline
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		var te *yaml.TypeError
		if errors.As(err, &te) {
			lines := make([]string, len(te.Errors))
			for i, e := range te.Errors {
				lines[i] = typeMessage(name, e)
			}
			return nil, fmt.Errorf("%w\n%s", ErrInvalid, strings.Join(lines, "\n"))
		}
		return nil, fmt.Errorf("%s: %w: %s", name, ErrInvalid, yamlMessage(err))
	}
	p.applyDefaults()
	if errs := p.validate(); len(errs) > 0 {
		lines := make([]string, len(errs))
		for i, e := range errs {
			lines[i] = name + ": " + e
		}
		return nil, fmt.Errorf("%w\n%s", ErrInvalid, strings.Join(lines, "\n"))
	}
	return &p, nil
}

var (
	yamlLine       = regexp.MustCompile(`^yaml: (?:unmarshal errors:\n\s*)?`)
	yamlSyntaxLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	yamlTypeError  = regexp.MustCompile("^line (\\d+): cannot unmarshal !!(\\w+) `(.*)` into (.+)$")
)

// yamlKinds and goKinds name YAML values and the Go types they decode into
// in the words of the pipeline file.
var (
	yamlKinds = map[string]string{"str": "text", "int": "a number", "float": "a number", "bool": "true/false",
		"seq": "a list", "map": "a mapping (key: value lines)", "null": "nothing", "timestamp": "a date"}
	goKinds = map[string]string{"string": "text", "int": "a whole number", "float64": "a number", "bool": "true or false",
		"[]int": "a list of whole numbers, e.g. [16, 25, 45, 65]", "[]string": "a list of text, e.g. [a, b]",
		"config.Strings": "text or a list of text", "[]config.Workforce": "a list of inputs, each starting \"- path:\"",
		"[]config.Target": "a list of targets, each starting \"- id:\"", "map[string]string": "a mapping of text to text",
		"map[string]config.Strings": "a mapping of fields to headers", "map[string]map[string]string": "a mapping of characteristics to label mappings"}
)

// typeMessage rewrites one of yaml's type errors ("line 6: cannot unmarshal
// !!str `young` into []int") as FILE:LINE: what is wrong; what would be valid.
func typeMessage(name, e string) string {
	m := yamlTypeError.FindStringSubmatch(e)
	if m == nil {
		return name + ": " + e
	}
	got, ok := yamlKinds[m[2]]
	if !ok {
		got = m[2]
	}
	want, ok := goKinds[m[4]]
	if !ok {
		want = "a mapping (key: value lines)"
		if !strings.HasPrefix(m[4], "config.") {
			want = m[4]
		}
	}
	return fmt.Sprintf("%s:%s: %q is %s; write %s here", name, m[1], m[3], got, want)
}

// yamlMessage trims the yaml package's prefixes from an error.
func yamlMessage(err error) string {
	return strings.ReplaceAll(yamlLine.ReplaceAllString(err.Error(), ""), "\n ", ";")
}

// checkKeys walks a mapping node against a struct type and reports the
// first key the struct does not have, with the nearest valid key.
func checkKeys(n *yaml.Node, t reflect.Type, prefix string) error {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
		if n.Kind == yaml.SequenceNode {
			for _, item := range n.Content {
				if err := checkKeys(item, t, prefix); err != nil {
					return err
				}
			}
			return nil
		}
	}
	if t.Kind() != reflect.Struct || n.Kind != yaml.MappingNode {
		return nil
	}
	fields := map[string]reflect.Type{}
	collectFields(t, fields)
	valid := make([]string, 0, len(fields))
	for k := range fields {
		valid = append(valid, k)
	}
	slices.Sort(valid)
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		ft, ok := fields[key.Value]
		if !ok {
			return fmt.Errorf("%d: %w: unknown key %q; did you mean %q?", key.Line, ErrInvalid, prefix+key.Value, prefix+suggest.Nearest(key.Value, valid))
		}
		if err := checkKeys(val, ft, prefix+key.Value+"."); err != nil {
			return err
		}
	}
	return nil
}

func collectFields(t reflect.Type, into map[string]reflect.Type) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if opts == "inline" {
			collectFields(f.Type, into)
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		into[name] = f.Type
	}
}

func (p *Pipeline) applyDefaults() {
	if p.AsOf == "" {
		p.AsOf = "latest"
	}
	if p.Period == "" {
		p.Period = "financial_year"
	}
	if p.Report == "" {
		p.Report = "annual_profile"
	}
	if p.Title == "" {
		p.Title = "Workforce equality profile"
	}
	if p.Suppression.MinCount == 0 {
		p.Suppression.MinCount = DefaultMinCount
	}
	if p.Suppression.PayMinCount == 0 {
		p.Suppression.PayMinCount = DefaultPayMinCount
	}
	if p.Suppression.SurveyMinCount == 0 {
		p.Suppression.SurveyMinCount = DefaultSurveyMinCount
	}
	if p.Analysis.StandardWeeklyHours == 0 {
		p.Analysis.StandardWeeklyHours = DefaultWeeklyHours
	}
	if p.Analysis.PayPeriod == "" {
		p.Analysis.PayPeriod = "month"
	}
	if len(p.Outputs) == 0 {
		p.Outputs = slices.Clone(OutputKinds)
	}
	for i := range p.Targets {
		if p.Targets[i].Direction == "" {
			p.Targets[i].Direction = "at_least"
		}
	}
}

// AgeBands returns the pipeline's age bands, or the default bands.
func (p *Pipeline) AgeBands() harmonise.AgeBands {
	if len(p.Analysis.AgeBands) == 0 {
		return harmonise.DefaultAgeBands
	}
	return harmonise.AgeBands(p.Analysis.AgeBands)
}

// Emits reports whether the pipeline publishes the given output kind.
func (p *Pipeline) Emits(kind string) bool { return slices.Contains(p.Outputs, kind) }

var namePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

func oneOf(field, value string, valid []string) string {
	return fmt.Sprintf("%s: %q is not valid; did you mean %q? (one of %s)", field, value, suggest.Nearest(value, valid), strings.Join(valid, ", "))
}

func validDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

func (p *Pipeline) validate() []string {
	var errs []string
	add := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	if p.Name == "" {
		add("name: missing; give the pipeline a name such as annual-workforce-profile")
	} else if !namePattern.MatchString(p.Name) {
		add("name: %q may hold only letters, digits, '.', '_' and '-' (it names the output folder)", p.Name)
	}
	if p.AsOf != "latest" && !validDate(p.AsOf) {
		add("as_of: %q is not a date; write YYYY-MM-DD or latest", p.AsOf)
	}
	if p.Schedule != "" {
		if _, err := cron.ParseStandard(p.Schedule); err != nil {
			add("schedule: %q is not a cron expression (%v); e.g. \"0 6 1 5 *\"", p.Schedule, err)
		}
	}
	if !slices.Contains(ReportKinds, p.Report) {
		add("%s", oneOf("report", p.Report, ReportKinds))
	}
	if !slices.Contains(Periods, p.Period) {
		add("%s", oneOf("period", p.Period, Periods))
	}
	if len(p.Inputs.Workforce) == 0 {
		add("inputs.workforce: missing; name at least one workforce extract (path: …)")
	}
	for i, w := range p.Inputs.Workforce {
		if w.Path == "" {
			add("inputs.workforce[%d].path: missing", i)
		}
		if w.Snapshot != "" && !validDate(w.Snapshot) {
			add("inputs.workforce[%d].snapshot: %q is not a date; write YYYY-MM-DD", i, w.Snapshot)
		}
		errs = append(errs, w.File.check(fmt.Sprintf("inputs.workforce[%d]", i))...)
	}
	for _, f := range p.monitoringFiles() {
		errs = append(errs, f.file.check("inputs."+f.key)...)
	}
	if c := p.Inputs.Census; c != nil && len(c.Path) == 0 {
		add("inputs.census.path: missing")
	}
	for field, aliases := range p.Columns {
		if !slices.Contains(CanonicalFields, field) {
			add("%s", oneOf("columns."+field, field, CanonicalFields))
		}
		for _, a := range aliases {
			if strings.TrimSpace(a) == "" {
				add("columns.%s: an empty header name", field)
			}
		}
	}
	if _, err := harmonise.NewMapper(p.Labels); err != nil {
		add("%v", err)
	}
	if err := p.AgeBands().Validate(); err != nil {
		add("analysis.age_bands: %v", err)
	}
	if g := p.Analysis.Grades; g.SeniorFrom != "" && len(g.Order) > 0 && !slices.Contains(g.Order, g.SeniorFrom) {
		add("analysis.grades.senior_from: %q is not in grades.order; did you mean %q?", g.SeniorFrom, suggest.Nearest(g.SeniorFrom, g.Order))
	}
	chars := make([]string, len(harmonise.Reported))
	for i, c := range harmonise.Reported {
		chars[i] = string(c)
	}
	for k := range p.Analysis.Reference {
		if !slices.Contains(chars, k) {
			add("%s", oneOf("analysis.reference."+k, k, chars))
		}
	}
	if !slices.Contains(PayPeriods, p.Analysis.PayPeriod) {
		add("%s", oneOf("analysis.pay_period", p.Analysis.PayPeriod, PayPeriods))
	}
	if h := p.Analysis.StandardWeeklyHours; h <= 0 || h > 100 {
		add("analysis.standard_weekly_hours: %v is not a full-time week in hours (e.g. 37)", h)
	}
	s := p.Suppression
	if s.MinCount < 1 || s.PayMinCount < 1 || s.SurveyMinCount < 1 {
		add("suppression: thresholds must be whole numbers of at least 1")
	}
	ids := map[string]bool{}
	for i, t := range p.Targets {
		where := fmt.Sprintf("targets[%d]", i)
		if t.ID == "" {
			add("%s.id: missing", where)
		} else if ids[t.ID] {
			add("%s.id: %q is used twice", where, t.ID)
		}
		ids[t.ID] = true
		if !slices.Contains(chars, t.Characteristic) {
			add("%s", oneOf(where+".characteristic", t.Characteristic, chars))
		}
		if !slices.Contains(Measures, t.Measure) {
			add("%s", oneOf(where+".measure", t.Measure, Measures))
		}
		if t.Measure != "declaration_rate" && t.Category == "" {
			add("%s.category: missing; name the category the target is about", where)
		}
		if !slices.Contains(Directions, t.Direction) {
			add("%s", oneOf(where+".direction", t.Direction, Directions))
		}
		if t.Target < 0 || t.Target > 100 {
			add("%s.target: %v is not a percentage from 0 to 100", where, t.Target)
		}
		if t.Due != "" && !validDate(t.Due) {
			add("%s.due: %q is not a date; write YYYY-MM-DD", where, t.Due)
		}
	}
	for _, o := range p.Outputs {
		if !slices.Contains(OutputKinds, o) {
			add("%s", oneOf("outputs", o, OutputKinds))
		}
	}
	return errs
}
