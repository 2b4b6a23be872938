package db

import (
	"fmt"
	"syscall"
)

// dropMapped tells the kernel this process needs none of the size bytes
// mapped at addr: the mapping is of a file and read-only, so the pages go
// back to the page cache unchanged and are mapped again when next read.
func dropMapped(addr uintptr, size int64) error {
	if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, addr, uintptr(size), syscall.MADV_DONTNEED); errno != 0 {
		return fmt.Errorf("let go of the database's mapped pages: %w", errno)
	}
	return nil
}
