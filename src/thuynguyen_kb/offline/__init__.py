"""The trainers' offline copy: the site built for reading from disk, zipped reproducibly."""
