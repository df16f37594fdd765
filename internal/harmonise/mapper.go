package harmonise

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/equip-project/equip/internal/suggest"
)

// maxCachedPerCharacteristic bounds the per-characteristic cache so a
// column of free text (or a wrongly mapped ID column) cannot grow memory
// without limit; past it, labels are still mapped, just not remembered.
const maxCachedPerCharacteristic = 1 << 16

// Mapper maps raw labels onto canonical categories. Safe for concurrent use.
type Mapper struct {
	builtin *builtinTables
	extra   map[Characteristic]map[string]string // normalised label -> category
	caches  map[Characteristic]*labelCache       // fixed after NewMapper; unknown characteristics are not cached
}

type mapping struct {
	category string
	ok       bool
}

type labelCache struct {
	mu      sync.RWMutex
	results map[string]mapping // raw label as read -> result
}

func (lc *labelCache) get(raw string) (mapping, bool) {
	lc.mu.RLock()
	r, hit := lc.results[raw]
	lc.mu.RUnlock()
	return r, hit
}

func (lc *labelCache) put(raw string, r mapping) {
	lc.mu.Lock()
	if len(lc.results) < maxCachedPerCharacteristic {
		lc.results[raw] = r
	}
	lc.mu.Unlock()
}

// NewMapper builds a mapper from the built-in alias tables plus the pipeline's `labels:` map
// (characteristic -> raw label -> category). An extra mapping whose characteristic is unknown, or whose
// target category is not a valid category of that characteristic (Categories[c], the two missing categories,
// or for ethnicity also one of the five high-level group names), is an error naming the bad value and the
// nearest valid one, e.g. `labels.ethnicity: "Whte" is not a category; did you mean "White"?`.
// Targets are matched like labels ("white" names "White") and stored in their canonical spelling.
// Two labels of one characteristic that normalise to the same key but name different categories are
// an error too, since only one of them could win.
func NewMapper(extra map[string]map[string]string) (*Mapper, error) {
	builtin, err := loadBuiltin()
	if err != nil {
		return nil, err
	}
	m := &Mapper{
		builtin: builtin,
		extra:   make(map[Characteristic]map[string]string),
		caches:  make(map[Characteristic]*labelCache),
	}
	for _, c := range Reported {
		m.caches[c] = &labelCache{results: make(map[string]mapping)}
	}

	var errs []error
	inputNames := make([]string, len(Input))
	for i, c := range Input {
		inputNames[i] = string(c)
	}
	for _, name := range sortedKeys(extra) {
		c := Characteristic(name)
		if !slices.Contains(Input, c) {
			errs = append(errs, fmt.Errorf("labels.%s: %q is not a characteristic read from a file; did you mean %q?",
				name, name, suggest.Nearest(name, inputNames)))
			continue
		}
		valid := ValidCategories(c)
		byKey := make(map[string]string, len(valid))
		for _, v := range valid {
			byKey[suggest.Normalise(v)] = v
		}
		table := make(map[string]string)
		rawFor := make(map[string]string) // normalised key -> the label that set it, for conflict messages
		labels := extra[name]
		for _, raw := range sortedKeys(labels) {
			target := labels[raw]
			category, found := byKey[suggest.Normalise(target)]
			if !found {
				errs = append(errs, fmt.Errorf("labels.%s: %q is not a category; did you mean %q?",
					name, target, m.suggestCategory(c, target, valid)))
				continue
			}
			key := suggest.Normalise(raw)
			if prev, dup := table[key]; dup && prev != category {
				errs = append(errs, fmt.Errorf("labels.%s: %q and %q are the same label but map to %q and %q",
					name, rawFor[key], raw, prev, category))
				continue
			}
			table[key] = category
			rawFor[key] = raw
		}
		m.extra[c] = table
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return m, nil
}

// Map returns the canonical category for a raw label. Blank (after trimming) -> NotKnown, ok=true.
// Recognised "declined" variants -> PreferNotToSay, ok=true. Recognised "unknown" variants (Not known, Unknown,
// Not stated, Not declared, N/A, Blank, Null, "-") -> NotKnown, ok=true. Anything unrecognised -> NotKnown, ok=false
// (the caller reports it). Matching uses suggest.Normalise, so "White - British", "White: British", "WHITE BRITISH",
// "White/British " are one key. Extra (pipeline) mappings win over built-in ones, including the blank rule
// (a pipeline may say a blank carer flag means "No").
// Results are cached per (characteristic, raw label): Map is called once per row, and a file has few distinct labels.
func (m *Mapper) Map(c Characteristic, raw string) (category string, ok bool) {
	cache := m.caches[c]
	if cache != nil {
		if r, hit := cache.get(raw); hit {
			return r.category, r.ok
		}
	}
	category, ok = m.resolve(c, raw)
	if cache != nil {
		cache.put(raw, mapping{category, ok})
	}
	return category, ok
}

// suggestCategory names the valid category a mistaken target most likely
// meant: the one the built-in aliases map it to when they know it (a
// target of "Black" means the Black group, though by edit distance "White"
// is nearer than the group's long ONS name), else the nearest by spelling.
func (m *Mapper) suggestCategory(c Characteristic, target string, valid []string) string {
	if category, ok := m.resolveBuiltin(c, suggest.Normalise(target)); ok && strings.TrimSpace(target) != "" {
		return category
	}
	return suggest.Nearest(target, valid)
}

// resolve does the work Map caches, in order of precedence.
func (m *Mapper) resolve(c Characteristic, raw string) (string, bool) {
	key := suggest.Normalise(raw)
	if category, found := m.extra[c][key]; found {
		return category, true
	}
	return m.resolveBuiltin(c, key)
}

// resolveBuiltin maps a normalised label with the built-in tables and rules.
func (m *Mapper) resolveBuiltin(c Characteristic, key string) (string, bool) {
	if key == "" {
		return NotKnown, true // blank, or only punctuation such as "-" or "?"
	}
	if category, found := m.builtin.byCharacteristic[c][key]; found {
		return category, true
	}
	if category, found := m.builtin.missing[key]; found {
		return category, true
	}
	if c == Ethnicity {
		if category, found := m.builtin.ethnicityRules(key); found {
			return category, true
		}
	}
	for _, prefix := range m.builtin.declinedPrefixes {
		if key == prefix || strings.HasPrefix(key, prefix+" ") {
			return PreferNotToSay, true
		}
	}
	return NotKnown, false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
