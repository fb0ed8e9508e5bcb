package importer

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"unicode/utf8"
)

// maxInput is the size of the largest import file read, in bytes: far above any city's
// registry or assessment history, and a bound on the memory a wrong file (a disk image, a
// device such as /dev/zero that never ends) can take.
var maxInput int64 = 64 << 20

// readInput reads a CSV or JSON import file: at most maxInput bytes, and not UTF-16 text,
// which Excel writes as "Unicode Text" and which would otherwise read as noise.
func readInput(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxInput+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > maxInput {
		return nil, fmt.Errorf("%s: the file is larger than %d MiB, more than an import "+
			"file can be; check that it is the right file, or split it", path, maxInput>>20)
	}
	if enc := utf16Encoding(data); enc != "" {
		return nil, fmt.Errorf("%s: the file is %s text, which the import does not read; "+
			"save it as UTF-8 (in Excel: \"CSV UTF-8\"; in an editor: encoding UTF-8)",
			path, enc)
	}
	return data, nil
}

// utf16Encoding names the encoding of UTF-16 text, "UTF-16LE" or "UTF-16BE", by its
// byte-order mark or, without one, by the zero byte that every ASCII character has on
// one side in it; "" for anything else.
func utf16Encoding(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		return "UTF-16LE"
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return "UTF-16BE"
	}
	head := data[:min(len(data), 512)&^1]
	var low, high int // pairs whose second (low) or first (high) byte is the zero
	for i := 0; i < len(head); i += 2 {
		switch {
		case head[i] != 0 && head[i+1] == 0:
			low++
		case head[i] == 0 && head[i+1] != 0:
			high++
		}
	}
	pairs := len(head) / 2
	switch {
	case pairs >= 2 && low*2 > pairs && high == 0:
		return "UTF-16LE"
	case pairs >= 2 && high*2 > pairs && low == 0:
		return "UTF-16BE"
	}
	return ""
}

// maxQuoted is how many characters of a value a message quotes.
const maxQuoted = 60

// quoted is a value for a message, in Go quotes: at most maxQuoted characters of it, the
// cut marked with an ellipsis, so that a huge cell cannot flood the screen.
func quoted(s string) string {
	return strconv.Quote(clip(s, maxQuoted))
}

// clip cuts s to at most n characters, the last of them an ellipsis when it cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, count := 0, 0
	for i = range s {
		if count == n-1 {
			break
		}
		count++
	}
	return s[:i] + "…"
}
