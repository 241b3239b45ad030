package fakeslack

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// uploadPath is where files.getUploadURLExternal sends uploads.
const uploadPath = "/upload/"

// File is a file uploaded and shared with files.completeUploadExternal.
type File struct {
	ID, Filename, Title, Channel, Comment string
	Content                               []byte
}

// Files returns the files shared so far, in order.
func (s *Server) Files() []File {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]File(nil), s.files...)
}

func (s *Server) getUploadURL(p url.Values) any {
	if p.Get("filename") == "" || p.Get("length") == "" {
		return slackError("invalid_arguments")
	}
	s.nextFile++
	id := fmt.Sprintf("F%06d", s.nextFile)
	if s.uploads == nil {
		s.uploads = map[string]*File{}
	}
	s.uploads[id] = &File{ID: id, Filename: p.Get("filename")}
	return map[string]any{"ok": true, "upload_url": s.srv.URL + uploadPath + id, "file_id": id}
}

// serveUpload takes the multipart upload of a file's bytes.
func (s *Server) serveUpload(w http.ResponseWriter, r *http.Request) {
	id := strings.TrimPrefix(r.URL.Path, uploadPath)
	f, _, err := r.FormFile("file")
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	data, _ := io.ReadAll(f)
	s.mu.Lock()
	defer s.mu.Unlock()
	up, ok := s.uploads[id]
	if !ok {
		http.NotFound(w, r)
		return
	}
	up.Content = data
	fmt.Fprint(w, "OK")
}

func (s *Server) completeUpload(p url.Values) any {
	var list []struct{ ID, Title string }
	if json.Unmarshal([]byte(p.Get("files")), &list) != nil || len(list) == 0 {
		return slackError("invalid_arguments")
	}
	for _, x := range list {
		up, ok := s.uploads[x.ID]
		if !ok || up.Content == nil {
			return slackError("file_not_found")
		}
		up.Title, up.Channel, up.Comment = x.Title, p.Get("channel_id"), p.Get("initial_comment")
		s.files = append(s.files, *up)
	}
	return map[string]any{"ok": true, "files": list}
}
