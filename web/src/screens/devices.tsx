// This account's devices: rename any, revoke the others (signing out of this
// one is "Sign out"), the current one marked.
import { useState, type FormEvent } from 'react';
import type { ChatClient, Device } from '../../../src/sdk/index.js';
import { Status } from '../components/field.js';
import { describeError } from '../errors.js';
import { useI18n } from '../i18n/context.js';

function DeviceRow({ client, device, onChanged, onError }: { client: ChatClient; device: Device; onChanged(): void; onError(e: string): void }) {
  const { t, lang } = useI18n();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(device.name);
  const run = (work: Promise<unknown>) => work.then(onChanged, (err: unknown) => onError(describeError(err, t)));
  const rename = (e: FormEvent) => {
    e.preventDefault();
    run(client.renameDevice(device.id, name.trim()).then(() => setRenaming(false)));
  };
  const seen = new Date(device.lastSeenAt).toLocaleString(lang);
  return (
    <li className="device">
      {renaming ? (
        <form onSubmit={rename} className="row">
          <input aria-label={t('renameDevice', { name: device.name })} value={name} maxLength={64} required onChange={(e) => setName(e.target.value)} autoFocus />
          <button type="submit">{t('save')}</button>
          <button type="button" onClick={() => setRenaming(false)}>{t('cancel')}</button>
        </form>
      ) : (
        <div>
          <strong>{device.name}</strong>
          {device.current && <span className="badge">{t('thisDevice')}</span>}
          <div className="muted small">{t('lastSeen', { time: seen })}</div>
        </div>
      )}
      {!renaming && (
        <div className="row">
          <button type="button" aria-label={t('renameDevice', { name: device.name })} onClick={() => setRenaming(true)}>{t('rename')}</button>
          {!device.current && (
            <button type="button" className="danger" aria-label={t('revokeDevice', { name: device.name })} onClick={() => run(client.revokeDevice(device.id))}>{t('revoke')}</button>
          )}
        </div>
      )}
    </li>
  );
}

export function DeviceList({ client, devices, onChanged }: { client: ChatClient; devices: Device[] | null; onChanged(): void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  return (
    <section aria-labelledby="devices-h">
      <h2 id="devices-h">{t('devices')}</h2>
      <Status error={error} />
      {devices === null ? <p className="muted">{t('loading')}</p> : (
        <ul className="devices" aria-labelledby="devices-h">
          {devices.map((d) => <DeviceRow key={d.id} client={client} device={d} onChanged={() => { setError(null); onChanged(); }} onError={setError} />)}
        </ul>
      )}
    </section>
  );
}
