# a comment
.process | {pid,
  exe: .executable.name}
