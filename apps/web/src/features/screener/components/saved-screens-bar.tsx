import type { SavedScreen } from '@marketlens/contracts';
import { useState } from 'react';
import { errorMessage } from '../../../shared/api/api-error';
import { Button } from '../../../shared/ui/button';
import { ConfirmButton } from '../../../shared/ui/confirm-button';
import { Select, TextInput } from '../../../shared/ui/field';
import {
  useDeleteScreen,
  useSavedScreens,
  useSaveScreen,
  useUpdateScreen,
  type SavedScreenInput,
} from '../api/saved-screens.api';

interface SavedScreensBarProps {
  /** The screen on the page, as it would be saved. */
  current: Omit<SavedScreenInput, 'name'>;
  savedId: string | null;
  onLoad: (screen: SavedScreen) => void;
  onSaved: (screen: SavedScreen) => void;
  /** Analysts and admins save; viewers load only. */
  canSave: boolean;
}

/** Load one of your saved screens; save the one on the page under a name, or update the one loaded. */
export function SavedScreensBar({ current, savedId, onLoad, onSaved, canSave }: SavedScreensBarProps) {
  const saved = useSavedScreens();
  const save = useSaveScreen(onSaved);
  const update = useUpdateScreen();
  const remove = useDeleteScreen();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const screens = saved.data?.screens ?? [];
  const loaded = screens.find((s) => s.id === savedId) ?? null;
  const changed =
    loaded !== null &&
    (loaded.filter !== current.filter || (loaded.sort ?? null) !== current.sort || loaded.view !== current.view);
  const failure = save.error ?? update.error ?? remove.error;

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="saved-screens">
      <label className="sr-only" htmlFor="saved-screen-select">
        Saved screens
      </label>
      <Select
        id="saved-screen-select"
        data-testid="saved-screen-select"
        className="py-1 text-[13px]"
        style={{ width: 190 }}
        value={loaded?.id ?? ''}
        onChange={(e) => {
          const screen = screens.find((s) => s.id === e.target.value);
          if (screen) onLoad(screen);
        }}
      >
        <option value="">{screens.length === 0 ? 'No saved screens' : 'Saved screens…'}</option>
        {screens.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </Select>
      {canSave && loaded && changed ? (
        <Button
          size="sm"
          variant="secondary"
          data-testid="saved-screen-update"
          disabled={update.isPending}
          onClick={() => update.mutate({ id: loaded.id, name: loaded.name, ...current })}
        >
          Update “{loaded.name}”
        </Button>
      ) : null}
      {canSave && loaded ? (
        <ConfirmButton
          label="Delete"
          ariaLabel={`Delete saved screen ${loaded.name}`}
          question={`Delete “${loaded.name}”?`}
          testId="saved-screen-delete"
          onConfirm={() => remove.mutate(loaded.id)}
        />
      ) : null}
      {canSave && naming ? (
        <form
          className="flex items-center gap-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) save.mutate({ name: name.trim(), ...current }, { onSuccess: () => setNaming(false) });
          }}
        >
          <label className="sr-only" htmlFor="saved-screen-name">
            Name of the screen
          </label>
          <TextInput
            id="saved-screen-name"
            data-testid="saved-screen-name"
            autoFocus
            className="w-44 py-1 text-[13px]"
            placeholder="Name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setNaming(false)}
          />
          <Button size="sm" type="submit" data-testid="saved-screen-submit" disabled={save.isPending || !name.trim()}>
            Save
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setNaming(false)}>
            Cancel
          </Button>
        </form>
      ) : canSave ? (
        <Button
          size="sm"
          variant="secondary"
          data-testid="saved-screen-save"
          onClick={() => {
            save.reset();
            setName('');
            setNaming(true);
          }}
        >
          Save as…
        </Button>
      ) : null}
      {failure ? (
        <span role="alert" className="text-xs text-rose-700" data-testid="saved-screen-error">
          {errorMessage(failure)}
        </span>
      ) : null}
    </div>
  );
}
