package db

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
)

// bbolt's on-disk meta page (go.etcd.io/bbolt internal/common): a 16-byte
// page header, then magic, version, page size, flags, the root bucket
// (16 bytes), the freelist page id and the high-water page id.
const (
	boltMagic        = 0xED0CDAED
	metaOffset       = 16
	metaPageSizeAt   = metaOffset + 8
	metaHighWaterAt  = metaOffset + 4 + 4 + 4 + 4 + 16 + 8
	metaBytesToCheck = metaHighWaterAt + 8
)

// checkFile refuses, before bbolt maps it, a file that is not a whole bbolt
// database: a memory-mapped truncated file would crash the process on the
// first read past its end instead of failing with a message. A missing or
// empty file is fine (bbolt creates it).
func checkFile(path string) error {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open database %s: %w; check the path and its permissions, or pass --db with another file", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("stat database %s: %w", path, err)
	}
	if st.IsDir() {
		return fmt.Errorf("database %s is a folder: pass --db with a file path such as %s/berakhlak.db", path, path)
	}
	if st.Size() == 0 {
		return nil
	}
	head := make([]byte, metaBytesToCheck)
	if _, err := io.ReadFull(f, head); err != nil {
		return fmt.Errorf("%s: %w (too short for a database); the file was left untouched: restore a backup or pass --db for a new file", path, ErrNotDatabase)
	}
	if binary.LittleEndian.Uint32(head[metaOffset:]) != boltMagic {
		return fmt.Errorf("%s: %w (no bbolt header); the file was left untouched: restore a backup or pass --db for a new file", path, ErrNotDatabase)
	}
	pageSize := int64(binary.LittleEndian.Uint32(head[metaPageSizeAt:]))
	if pageSize < 512 || pageSize > 1<<20 {
		return fmt.Errorf("%s: %w (page size %d)", path, ErrNotDatabase, pageSize)
	}
	var highWater uint64
	for page := int64(0); page < 2; page++ {
		meta := make([]byte, metaBytesToCheck)
		if _, err := f.ReadAt(meta, page*pageSize); err != nil {
			return fmt.Errorf("%s: %w (meta page %d unreadable); the file was left untouched: restore a backup", path, ErrNotDatabase, page)
		}
		if binary.LittleEndian.Uint32(meta[metaOffset:]) == boltMagic {
			highWater = max(highWater, binary.LittleEndian.Uint64(meta[metaHighWaterAt:]))
		}
	}
	if need := int64(highWater) * pageSize; st.Size() < need {
		return fmt.Errorf("%s: %w: the file is truncated (%d bytes, the database needs %d); it was left untouched: restore a backup", path, ErrNotDatabase, st.Size(), need)
	}
	return nil
}
