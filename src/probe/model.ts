/** What is observed in an image or container. Probes return these and never see expected values. */
export type FileType =
  | 'file'
  | 'directory'
  | 'symlink'
  | 'block-device'
  | 'character-device'
  | 'pipe'
  | 'socket';

export interface FileObservation {
  path: string;
  exists: boolean;
  /** Permission bits as goss prints them: "0755" (with setuid/setgid/sticky as a leading digit when set). */
  mode: string | null;
  size: number | null;
  owner: string | null;
  group: string | null;
  uid: number | null;
  gid: number | null;
  filetype: FileType | null;
  linkedTo: string | null;
}

export interface UserObservation {
  username: string;
  exists: boolean;
  uid: number | null;
  gid: number | null;
  groups: string[];
  home: string | null;
  shell: string | null;
}

export interface GroupObservation {
  groupname: string;
  exists: boolean;
  gid: number | null;
}

export interface PackageObservation {
  name: string;
  installed: boolean;
  versions: string[];
}
