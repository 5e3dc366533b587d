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
  /** The owner's name, or why there is none (no passwd/group entry for the id, as goss's lookup fails). */
  owner: string | { error: string } | null;
  group: string | { error: string } | null;
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
  /** Why packages cannot be judged (no package manager goss knows of, or one whose database slipway cannot read). */
  error?: string;
}
