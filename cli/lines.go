package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"sync"

	"github.com/berakhlak/berakhlak/internal/procs"
)

// eachLine calls fn with every non-empty line of a file.
func eachLine(path string, fn func(line int, text []byte)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for line := 1; sc.Scan(); line++ {
		if text := bytes.TrimSpace(sc.Bytes()); len(text) > 0 {
			fn(line, text)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// linesPerChunk is how many lines a worker of eachLineInParallel takes at a time.
const linesPerChunk = 256

// eachLineInParallel parses the non-empty lines of a file on every core and
// hands the results to use one at a time, in file order.
func eachLineInParallel[T any](path string, parse func(line int, text []byte) T, use func(T)) error {
	type chunk struct {
		lines  []int
		texts  [][]byte
		parsed chan []T
	}
	workers := procs.Available()
	jobs := make(chan *chunk, workers)
	inOrder := make(chan *chunk, 2*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for c := range jobs {
				out := make([]T, len(c.texts))
				for i, text := range c.texts {
					out[i] = parse(c.lines[i], text)
				}
				c.parsed <- out
			}
		})
	}
	var readErr error
	go func() {
		defer close(inOrder)
		defer close(jobs)
		next := func() *chunk { return &chunk{parsed: make(chan []T, 1)} }
		c := next()
		send := func() {
			// In order first: a worker may finish it before use asks.
			inOrder <- c
			jobs <- c
			c = next()
		}
		readErr = eachLine(path, func(line int, text []byte) {
			c.lines, c.texts = append(c.lines, line), append(c.texts, bytes.Clone(text))
			if len(c.lines) == linesPerChunk {
				send()
			}
		})
		if len(c.lines) > 0 {
			send()
		}
	}()
	for c := range inOrder {
		for _, p := range <-c.parsed {
			use(p)
		}
	}
	wg.Wait()
	return readErr
}
