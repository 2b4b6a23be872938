package db

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", key, err)
	}
	return b.Put(key, data)
}

func getJSON(b *bolt.Bucket, key []byte, v any) (bool, error) {
	data := b.Get(key)
	if data == nil {
		return false, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		return true, fmt.Errorf("decode %s: %w", key, err)
	}
	return true, nil
}

// eachJSON decodes every value of a bucket of JSON values, in key order.
func eachJSON[V any](b *bolt.Bucket, fn func(key []byte, v V) error) error {
	return b.ForEach(func(k, data []byte) error {
		var v V
		if err := json.Unmarshal(data, &v); err != nil {
			return fmt.Errorf("decode %s: %w", k, err)
		}
		return fn(k, v)
	})
}
