package input

import (
	"io"
	"sync"
)

// Parallel reads batches from r and runs work on them in workers goroutines,
// then hands each result to emit in input order, on the calling goroutine.
// work owns the batch and must Release it. Input errors go to emit's caller
// through onErr, in order with the results around them. If emit returns an
// error, Parallel stops reading and returns it.
func Parallel[R any](r *Reader, workers int, work func(*Batch) R, emit func(R) error, onErr func(error)) error {
	if workers < 1 {
		workers = 1
	}
	type job struct {
		batch  *Batch
		result chan R
	}
	// An item is a result to wait for, or an input error to pass on in order.
	type item struct {
		result chan R
		err    error
	}
	jobs := make(chan job, workers)
	order := make(chan item, 2*workers) // bounds the batches in flight
	stop := make(chan struct{})

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.result <- work(j.batch)
			}
		}()
	}
	go func() {
		defer close(order)
		defer close(jobs)
		for {
			b, err := r.Next()
			if err == io.EOF {
				return
			}
			it := item{err: err}
			if err == nil {
				it.result = make(chan R, 1)
			}
			select {
			case order <- it:
			case <-stop:
				if b != nil {
					b.Release()
				}
				return
			}
			if err == nil {
				jobs <- job{b, it.result}
			}
		}
	}()

	var failed error
	for it := range order {
		if failed != nil {
			if it.result != nil {
				<-it.result // let the worker finish before we leave
			}
			continue
		}
		if it.err != nil {
			onErr(it.err)
			continue
		}
		if err := emit(<-it.result); err != nil {
			failed = err
			close(stop)
		}
	}
	wg.Wait()
	return failed
}
