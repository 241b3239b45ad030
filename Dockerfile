# syntax=docker/dockerfile:1
# Build: a cgo build (SQLite) linked statically on a glibc image with gcc.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 go build -trimpath \
      -tags 'osusergo netgo sqlite_omit_load_extension' \
      -ldflags '-s -w -extldflags -static' \
      -o /out/pactwatch ./cmd/pactwatch

# Run: a small image with CA certificates, as a non-root user; the database
# lives on a volume.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/pactwatch /usr/local/bin/pactwatch
WORKDIR /data
VOLUME ["/data"]
ENV PACTWATCH_CONFIG=/etc/pactwatch/pactwatch.yaml
EXPOSE 8080
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/pactwatch"]
CMD ["run"]
